import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { SealPool } from "./seal-pool";
import { BACKGROUND_NICE } from "./thread-priority";
import type { SealJob } from "./seal-slice";
import type { StagedJob } from "./stage-slice";

// The pool's scheduling with stand-in threads (test/support/fake-ingest-thread.ts) that report
// where and when each job ran.
type Probe = { kind: string; background: boolean; nice: number; doneAt: number };

const entry = new URL("../../test/support/fake-ingest-thread.mjs", import.meta.url);
const requestJob = (holdMs = 0) => ({ data: new ArrayBuffer(0), records: [], targets: {}, holdMs }) as SealJob;
const backgroundJob = (holdMs: number) => ({ payloads: [], targets: {}, holdMs }) as StagedJob;

let pool: SealPool | undefined;
afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

describe("SealPool", () => {
  it("answers a request's slice while every background thread is busy sealing", async () => {
    pool = new SealPool(entry, 1, []);
    // Start both threads first, so their start-up is not part of what is timed.
    await Promise.all([pool.stage(requestJob()), pool.sealStaged(backgroundJob(0))]);

    const sealing = [pool.sealStaged(backgroundJob(600)), pool.sealStaged(backgroundJob(600))];
    const request = (await pool.stage(requestJob())) as unknown as Probe;
    const sealed = (await Promise.all(sealing)) as unknown as Probe[];

    expect(request.background).toBe(false);
    expect(sealed.every((s) => s.background)).toBe(true);
    // With one request thread shared with sealing, the slice would wait behind a 600 ms batch.
    expect(request.doneAt).toBeLessThan(sealed[0]!.doneAt);
  });

  it.runIf(process.platform === "linux")(
    "runs background threads at a lower priority than request threads",
    async () => {
      pool = new SealPool(entry, 1, []);
      const request = (await pool.stage(requestJob())) as unknown as Probe;
      const background = (await pool.sealStaged(backgroundJob(0))) as unknown as Probe;

      expect(request.nice).toBe(os.getPriority());
      expect(background.nice).toBe(Math.max(BACKGROUND_NICE, os.getPriority()));
    },
  );
});
