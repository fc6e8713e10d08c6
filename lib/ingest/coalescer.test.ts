import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalescer";

/** A run that records its inputs and waits until released. */
function gatedRuns() {
  const runs: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (inputs: number[]) => {
    runs.push(inputs);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (inputs.includes(13)) throw new Error("thirteen");
    return inputs.map((n) => n * 10);
  };
  const releaseAll = async () => {
    while (gates.length > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { runs, run, releaseAll };
}

describe("Coalescer", () => {
  it("runs a caller at once when a lane is free, and batches those who arrive while lanes are busy", async () => {
    const { runs, run, releaseAll } = gatedRuns();
    const c = new Coalescer<number, number>({ lanes: 1, maxWeight: 100, weight: () => 1, run });
    const first = c.submit(1);
    expect(runs).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => c.submit(n));
    expect(runs).toEqual([[1]]);
    await releaseAll();
    expect(runs).toEqual([[1], [2, 3, 4]]);
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
  });

  it("keeps a batch within its weight, and lets one heavier input run alone", async () => {
    const { runs, run, releaseAll } = gatedRuns();
    const c = new Coalescer<number, number>({ lanes: 1, maxWeight: 5, weight: (n) => n, run });
    const all = [1, 2, 2, 2, 9, 1].map((n) => c.submit(n));
    await releaseAll();
    await Promise.all(all);
    expect(runs).toEqual([[1], [2, 2], [2], [9], [1]]);
  });

  it("fails only the caller whose input failed the shared run", async () => {
    const { run, releaseAll } = gatedRuns();
    const c = new Coalescer<number, number>({ lanes: 1, maxWeight: 100, weight: () => 1, run });
    const first = c.submit(1);
    const batch = [2, 13, 4].map((n) => c.submit(n).catch((err: Error) => err.message));
    await releaseAll();
    expect(await first).toBe(10);
    expect(await Promise.all(batch)).toEqual([20, "thirteen", 40]);
  });

  it("never has more runs in flight than lanes", async () => {
    const { runs, run, releaseAll } = gatedRuns();
    const c = new Coalescer<number, number>({ lanes: 2, maxWeight: 100, weight: () => 1, run });
    const all = [1, 2, 3, 4, 5].map((n) => c.submit(n));
    expect(runs).toEqual([[1], [2]]);
    await releaseAll();
    await Promise.all(all);
    expect(runs.slice(2).flat().sort()).toEqual([3, 4, 5]);
  });
});
