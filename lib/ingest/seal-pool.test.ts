import { describe, expect, it } from "vitest";
import { backgroundThreads } from "./seal-pool";

// How many ingest threads may seal staged slices (background work) at a moment.
describe("background sealing", () => {
  const at = (quietForMs: number, requestsRunning: number, oldestDue = false) =>
    backgroundThreads({ threads: 2, quietForMs, requestsRunning, oldestDue });

  it("takes every thread once requests have stopped", () => {
    expect(at(250, 0)).toBe(2);
    expect(at(5_000, 0)).toBe(2);
  });

  it("waits while a request's records are being checked, so a burst is acknowledged at full speed", () => {
    expect(at(0, 1)).toBe(0);
    expect(at(100, 3)).toBe(0);
  });

  it("takes all threads but one between requests, so the next request finds a free thread", () => {
    expect(at(10, 0)).toBe(1);
    expect(backgroundThreads({ threads: 4, quietForMs: 10, requestsRunning: 0, oldestDue: false })).toBe(3);
  });

  it("takes a thread beside the requests once staged rows have waited their bound", () => {
    expect(at(0, 2, true)).toBe(1);
    expect(backgroundThreads({ threads: 1, quietForMs: 0, requestsRunning: 1, oldestDue: true })).toBe(1);
  });
});
