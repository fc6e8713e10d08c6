import { afterEach, describe, expect, it } from "vitest";
import { HeldBytes, setBufferBudget } from "./buffer-budget";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => setBufferBudget());

describe("HeldBytes", () => {
  it("grows and shrinks what the request holds of the budget", async () => {
    const budget = setBufferBudget(100, 1_000)!;
    const held = new HeldBytes();
    expect(await held.resize(60)).toBe(true);
    expect(budget.held).toBe(60);
    expect(await held.resize(20)).toBe(true);
    expect(budget.held).toBe(20);
    held.release();
    expect(budget.held).toBe(0);
  });

  it("counts the wait per request: after waiting most of it once, the next wait is only what is left", async () => {
    const budget = setBufferBudget(100, 300)!;
    await budget.acquire(100);
    const held = new HeldBytes();
    setTimeout(() => budget.release(50), 200);
    let started = Date.now();
    expect(await held.resize(50)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    started = Date.now();
    expect(await held.resize(60)).toBe(false);
    // ~100 ms left of the 300, not a fresh 300.
    expect(Date.now() - started).toBeLessThan(200);
    expect(budget.held).toBe(100);
  });

  it("stops waiting at once when the client has gone", async () => {
    const budget = setBufferBudget(100, 5_000)!;
    await budget.acquire(100);
    const gone = new AbortController();
    const held = new HeldBytes(gone.signal);
    const started = Date.now();
    const waiting = held.resize(10);
    await later(20);
    gone.abort();
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(budget.queued).toBe(0);
  });
});
