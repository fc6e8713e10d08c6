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

describe("Permits by weight", () => {
  it("grants many light holders at once and makes a heavy one wait for room", async () => {
    const permits = new Permits(100);
    for (let i = 0; i < 10; i++) await permits.acquire(9);
    let heavy = false;
    void permits.acquire(50).then(() => (heavy = true));
    await settled();
    expect(heavy).toBe(false);
    for (let i = 0; i < 4; i++) permits.release(9);
    await settled();
    expect(heavy).toBe(false);
    permits.release(9);
    await settled();
    expect(heavy).toBe(true);
  });

  it("lets a holder heavier than the whole budget run alone, and no one jump the queue meanwhile", async () => {
    const permits = new Permits(100);
    await permits.acquire(10);
    let huge = false;
    let light = false;
    void permits.acquire(500).then(() => (huge = true));
    void permits.acquire(1).then(() => (light = true));
    await settled();
    expect([huge, light]).toEqual([false, false]);
    permits.release(10);
    await settled();
    expect([huge, light]).toEqual([true, false]);
    permits.release(500);
    await settled();
    expect(light).toBe(true);
  });
});

describe("Permits with a bounded wait", () => {
  it("grants at once when there is room, and gives up after the wait when there is none", async () => {
    const permits = new Permits(100);
    expect(await permits.acquireWithin(60, 1000)).toBe(true);
    const started = Date.now();
    expect(await permits.acquireWithin(60, 50)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(permits.queued).toBe(0);
    permits.release(60);
    expect(await permits.acquireWithin(100, 0)).toBe(true);
  });

  it("is granted when room comes within the wait", async () => {
    const permits = new Permits(10);
    await permits.acquire(10);
    const waiting = permits.acquireWithin(5, 1000);
    permits.release(10);
    expect(await waiting).toBe(true);
    expect(await permits.acquireWithin(6, 10)).toBe(false);
  });

  it("a waiter that gives up lets the lighter ones queued behind it through", async () => {
    const permits = new Permits(10);
    await permits.acquire(6);
    const heavy = permits.acquireWithin(8, 30);
    let light = false;
    void permits.acquire(3).then(() => (light = true));
    await settled();
    expect(light).toBe(false);
    expect(await heavy).toBe(false);
    await settled();
    expect(light).toBe(true);
  });
});
