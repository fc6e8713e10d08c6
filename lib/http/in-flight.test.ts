import { describe, expect, it } from "vitest";
import { InFlight } from "./in-flight";

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("InFlight", () => {
  it("is settled at once with no handler running", async () => {
    expect(await new InFlight().settled(10)).toBe(true);
  });

  it("settles when the last handler ends, failed ones included", async () => {
    const inFlight = new InFlight();
    inFlight.track(later(20));
    inFlight.track(
      later(40)
        .then(() => Promise.reject(new Error("cut")))
        .catch(() => undefined),
    );
    expect(inFlight.count).toBe(2);
    const started = Date.now();
    expect(await inFlight.settled(1_000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(inFlight.count).toBe(0);
  });

  it("gives up after the wait while a handler still runs", async () => {
    const inFlight = new InFlight();
    inFlight.track(later(200));
    expect(await inFlight.settled(20)).toBe(false);
    expect(inFlight.count).toBe(1);
  });
});

describe("InFlight with a handler that fails", () => {
  it("still counts it done, and raises no unhandled rejection", async () => {
    const inFlight = new InFlight();
    inFlight.track(later(10).then(() => Promise.reject(new Error("boom"))));
    expect(await inFlight.settled(500)).toBe(true);
  });
});
