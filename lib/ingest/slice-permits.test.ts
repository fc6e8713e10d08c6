import { describe, expect, it } from "vitest";
import { Permits } from "./slice-permits";

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("Permits", () => {
  it("grants up to its size at once and makes the next caller wait", async () => {
    const permits = new Permits(2);
    await permits.acquire();
    await permits.acquire();
    let third = false;
    void permits.acquire().then(() => (third = true));
    await settled();
    expect(third).toBe(false);
    expect(permits.queued).toBe(1);
    permits.release();
    await settled();
    expect(third).toBe(true);
    expect(permits.queued).toBe(0);
  });

  it("hands released permits to waiters in arrival order", async () => {
    const permits = new Permits(1);
    await permits.acquire();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) => permits.acquire().then(() => order.push(n)));
    for (let i = 0; i < 3; i++) {
      permits.release();
      await settled();
    }
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
  });

  it("never holds more than its size, however often it is released", async () => {
    const permits = new Permits(1);
    permits.release();
    permits.release();
    await permits.acquire();
    let second = false;
    void permits.acquire().then(() => (second = true));
    await settled();
    expect(second).toBe(false);
  });
});
