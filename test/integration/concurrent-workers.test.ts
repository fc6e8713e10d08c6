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

  it("two servers ingesting while two workers deliver: every record arrives exactly once", async () => {
    fake().spans.length = 0;
    await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
    // Servers are stateless over the database: two ingest streams posting at once stand for
    // two servers, while two workers claim from the same outbox.
    const server = async (batches: number) => {
      const ids: string[] = [];
      for (let i = 0; i < batches; i++) {
        const batch = records(world.keySecret, Array(50).fill("chat"));
        ids.push(...batch.map((r) => String(r.id)));
        expect((await postLogs(batch)).json).toMatchObject({ accepted: 50 });
      }
      return ids;
    };
    let ingesting = true;
    const worker = async (w: ReturnType<typeof newWorker>) => {
      let claimed = 0;
      for (;;) {
        const n = await w.runOnce();
        claimed += n;
        if (n === 0 && !ingesting) return claimed;
        if (n === 0) await new Promise((r) => setTimeout(r, 5));
      }
    };
    const workers = Promise.all([worker(newWorker({ claimLimit: 40 })), worker(newWorker({ claimLimit: 40 }))]);
    const posted = (await Promise.all([server(6), server(6)])).flat();
    ingesting = false;
    const [a, b] = await workers;
    while ((await newWorker().runOnce()) > 0);

    expect(posted).toHaveLength(600);
    expect(a + b).toBeGreaterThan(0);
    const delivered = fake().spans.map((s) => String(s.attributes["aptible.request.id"]));
    expect(delivered.sort()).toEqual([...posted].sort());
    expect(new Set(fake().spans.map((s) => s.spanId)).size).toBe(600);
  }, 60_000);
});
