import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/database";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, postLogs, records } from "./forwarding-fixtures";

// Several workers on one database: SKIP LOCKED claims give each row to one worker at a
// time. On PGlite (one connection) the workers simply take turns; on PostgreSQL they race.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;

beforeAll(async () => {
  world = await createForwardingWorld(fake());
});

describe("two workers sharing one outbox", () => {
  it("deliver every accepted record, each exactly once when nothing crashes", async () => {
    const total = 600;
    for (let i = 0; i < total / 200; i++) {
      expect((await postLogs(records(world.keySecret, Array(200).fill("chat")))).json).toMatchObject({ accepted: 200 });
    }
    const expected = (await db().traceOutbox.findMany({ where: { drainId: world.drainId }, select: { spanId: true } }))
      .map((r) => r.spanId)
      .sort();
    expect(expected).toHaveLength(total);

    const drainLoop = async (worker: ReturnType<typeof newWorker>) => {
      let claimed = 0;
      for (let n = await worker.runOnce(); n > 0; n = await worker.runOnce()) claimed += n;
      return claimed;
    };
    const a = newWorker({ claimLimit: 50, maxSpansPerRequest: 25 });
    const b = newWorker({ claimLimit: 50, maxSpansPerRequest: 25 });
    const [claimedA, claimedB] = await Promise.all([drainLoop(a), drainLoop(b)]);

    expect(claimedA + claimedB).toBe(total);
    const delivered = fake()
      .spans.map((s) => s.spanId)
      .sort();
    expect(delivered).toEqual(expected);
    expect(new Set(delivered).size).toBe(total);
    expect(await db().traceOutbox.count({ where: { drainId: world.drainId } })).toBe(0);
  }, 60_000);
});
