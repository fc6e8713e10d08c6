import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, database } from "@/lib/db/database";
import { StageSealer, setStageSealer } from "@/lib/ingest/stage-sealer";
import { claimStaged, stagedBacklog, storeSealedStage } from "@/lib/ingest/stage-store";
import { noRows } from "@/lib/ingest/seal-slice";
import { sealStaged } from "@/lib/ingest/stage-slice";
import { lookUpTargets } from "@/lib/ingest/shared-queries";
import { config } from "@/lib/config/env";
import type { SqlExecutor } from "@/lib/db/driver";
import { ingestPipelineStatus } from "@/lib/server/admin/ingest-pipeline";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, outboxCounts, postLogs, records } from "./forwarding-fixtures";

// Staged ingest (the PostgreSQL server's default): the gateway is answered once its records
// are checked and stored encrypted, and a sealer turns them into queued spans afterwards.
// The answer is the one sealing ingest gives, nothing is queued twice, and a row a stopped
// sealer held comes back to another.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;
let sealer: StageSealer;

beforeAll(async () => {
  world = await createForwardingWorld(fake(), "staged");
});
beforeEach(async () => {
  await database().driver.query("DELETE FROM ingest_stage");
  await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
  sealer = new StageSealer(database().driver, { concurrency: 2 });
  setStageSealer(sealer);
});
afterEach(() => setStageSealer(undefined));

/** A body with three usable records, one that is not a record and one of an unknown key. */
const body = () => [
  ...records(world.keySecret, ["chat", "streaming", "tool_calls"]),
  "not a record",
  ...records("sk-apt-nobody", ["chat"]),
];

describe("staged ingest", () => {
  it("answers as sealing ingest does, queues nothing before sealing and one span per record after", async () => {
    const staged = await postLogs(body());
    expect(staged.status).toBe(202);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 0, dead: 0 });
    expect(await stagedBacklog(database().driver)).toEqual({ rows: 1, records: 3 });
    // Stored encrypted: no prompt text in the row.
    const [row] = await database().driver.query<{ payload: Uint8Array }>("SELECT payload FROM ingest_stage");
    expect(Buffer.from(row!.payload).includes("medication")).toBe(false);

    expect(await sealer.drain()).toBe(1);
    expect(await stagedBacklog(database().driver)).toEqual({ rows: 0, records: 0 });
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 3, dead: 0 });
    await newWorker().runOnce();
    const mine = fake().spans.filter((s) => s.attributes["aptible.environment.id"] === world.envA.id);
    expect(new Set(mine.map((s) => s.attributes["gen_ai.operation.name"]))).toEqual(new Set(["chat"]));

    setStageSealer(undefined);
    const sealed = await postLogs(body());
    expect(sealed.json).toEqual(staged.json);
    expect(staged.json).toMatchObject({ accepted: 3, skipped: [{ index: 3 }, { index: 4 }] });
  });

  it("seals a row whose sealer stopped once its lease ends, and queues it once", async () => {
    await postLogs(body());
    // A sealer claims the row and stops before finishing: its lease runs out.
    const [abandoned] = await claimStaged(database().driver, 10, 1 << 20, 400);
    expect(abandoned).toBeDefined();
    expect(await sealer.drain()).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await sealer.drain()).toBe(1);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 3, dead: 0 });
    // The first sealer finishing late finds the row gone and queues nothing.
    expect(await storeSealedStage(database().driver, [abandoned!.id], noRows(), [])).toBe(0);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 3, dead: 0 });
  });

  it("seals many one-record rows in one batch, and queues only the rows it still owns", async () => {
    for (const kind of ["chat", "embedding", "tool_calls"] as const) await postLogs(records(world.keySecret, [kind]));
    const claimed = await claimStaged(database().driver, 10, 1 << 20, 60_000);
    expect(claimed).toHaveLength(3);
    const result = sealStaged(
      {
        payloads: claimed.map((row) => new Uint8Array(row.payload).slice().buffer),
        targets: Object.fromEntries(await lookUpTargets([...new Set(claimed.flatMap((row) => row.key_hashes))])),
      },
      config().drainKeyring,
    );
    expect(result.rowStages).toEqual([0, 1, 2]);
    // Another sealer finished the second row meanwhile (its lease had run out).
    await database().driver.query("DELETE FROM ingest_stage WHERE id = $1::bigint", [claimed[1]!.id]);
    const ids = claimed.map((row) => row.id);
    expect(await storeSealedStage(database().driver, ids, result.rows, result.rowStages)).toBe(2);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 2, dead: 0 });
  });

  it("claims rows up to a budget of bytes, at least one", async () => {
    for (let i = 0; i < 3; i++) await postLogs(records(world.keySecret, ["chat", "chat"]));
    const sizes = await database().driver.query<{ bytes: number }>(
      "SELECT octet_length(payload) AS bytes FROM ingest_stage ORDER BY id LIMIT 2",
    );
    const two = sizes.reduce((n, r) => n + Number(r.bytes), 0);
    expect(await claimStaged(database().driver, 10, two, 60_000)).toHaveLength(2);
    expect(await claimStaged(database().driver, 10, 1, 60_000)).toHaveLength(1);
  });

  it("leaves a fresh row to the server that staged it, then lets any server claim it", async () => {
    await postLogs(records(world.keySecret, ["chat"]));
    expect(await claimStaged(database().driver, 10, 1 << 20, 60_000, 60_000)).toHaveLength(0);
    expect(await claimStaged(database().driver, 10, 1 << 20, 60_000, 0)).toHaveLength(1);
  });

  it("two sealers draining together queue every record exactly once", async () => {
    for (let i = 0; i < 6; i++) await postLogs(records(world.keySecret, ["chat", "embedding", "tool_calls", "chat"]));
    const other = new StageSealer(database().driver, { concurrency: 2 });
    const [a, b] = await Promise.all([sealer.drain(), other.drain()]);
    expect(a + b).toBe(6);
    const rows = await db().traceOutbox.findMany({ where: { drainId: world.drainId }, select: { spanId: true } });
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.spanId)).size).toBe(24);
  });

  it("seals the rest of a batch when one of its rows cannot be sealed, and keeps that row", async () => {
    for (const kind of ["chat", "embedding", "tool_calls"] as const) await postLogs(records(world.keySecret, [kind]));
    // The middle row no longer decrypts (as if its key had left the keyring).
    await database().driver.query(
      `UPDATE ingest_stage SET payload = set_byte(payload, 40, (get_byte(payload, 40) + 1) % 256)
        WHERE id = (SELECT id FROM ingest_stage ORDER BY id OFFSET 1 LIMIT 1)`,
    );
    await sealer.drain();
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 2, dead: 0 });
    const left = await database().driver.query<{ records: number; attempts: number }>(
      "SELECT records, attempts FROM ingest_stage",
    );
    expect(left).toEqual([{ records: 1, attempts: 1 }]);
  });

  it("gives a batch back whole when the database fails, rather than row by row", async () => {
    for (const kind of ["chat", "embedding", "tool_calls"] as const) await postLogs(records(world.keySecret, [kind]));
    let stores = 0;
    const failingStore: SqlExecutor = {
      exec: (text) => database().driver.exec(text),
      query: async <Row>(text: string, params?: unknown[]) => {
        if (text.includes("INSERT INTO trace_outbox")) {
          stores++;
          throw new Error("connection terminated");
        }
        return database().driver.query<Row>(text, params);
      },
    };
    await new StageSealer(failingStore, { concurrency: 2 }).drain();
    expect(stores).toBe(1);
    expect(await stagedBacklog(database().driver)).toEqual({ rows: 3, records: 3 });
  });

  it("the admin's pipeline view follows records from staged to queued to dead", async () => {
    await postLogs(records(world.keySecret, ["chat", "embedding", "tool_calls"]));
    expect(await ingestPipelineStatus()).toMatchObject({
      staged: { records: 3 },
      unsealable: { records: 0 },
      queued: { spans: 0, more: false, oldestAt: null },
    });
    await sealer.drain();
    await database().driver.query(
      "UPDATE trace_outbox SET dead_at = now() WHERE id = (SELECT min(id) FROM trace_outbox WHERE drain_id = $1)",
      [world.drainId],
    );
    const after = await ingestPipelineStatus();
    expect(after).toMatchObject({
      staged: { records: 0, oldestAt: null },
      queued: { spans: 2, more: false },
      deadLetters: { spans: 1, more: false },
    });
    expect(after.queued.oldestAt).not.toBeNull();
    expect(after.deadLetters.oldestAt).not.toBeNull();
  });

  it("a running sealer is woken by ingest and seals without being asked", async () => {
    sealer.start();
    try {
      await postLogs(records(world.keySecret, ["chat", "chat"]));
      for (let i = 0; i < 100 && (await outboxCounts(world.drainId)).pending < 2; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await outboxCounts(world.drainId)).toEqual({ pending: 2, dead: 0 });
    } finally {
      await sealer.stop();
    }
  });
});
