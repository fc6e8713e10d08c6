import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/database";
import { captureLogs, withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, postLogs, records } from "./forwarding-fixtures";
import { hashLlmKey } from "@/lib/auth/llm-key-secret";
import { config } from "@/lib/config/env";
import { setSealPool } from "@/lib/ingest/seal-pool";
import { MISSING_KEY_HASH, sealSlice } from "@/lib/ingest/seal-slice";
import { slicePermits } from "@/lib/ingest/ingest-records";
import { setBufferBudget } from "@/lib/ingest/buffer-budget";
import { POST as ingest } from "@/app/api/internal/ai-gateway/logs/route";
import { NextRequest } from "next/server";
import { INGEST_TOKEN } from "./forwarding-fixtures";

const fake = withFakeLangfuse();
const logs = captureLogs();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;

beforeAll(async () => {
  world = await createForwardingWorld(fake());
});

/** A request whose body stops in the middle of a 200 KB record, until told to go on. */
function stalledRequest(signal?: AbortSignal) {
  const text = JSON.stringify(records(world.keySecret, ["chat"], { padding: 200 * 1024 }));
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  controller.enqueue(Buffer.from(text.slice(0, text.length - 1000)));
  const init = {
    method: "POST",
    headers: { authorization: `Bearer ${INGEST_TOKEN}` },
    body,
    duplex: "half" as const,
    signal,
  };
  const answer = ingest(new NextRequest("http://localhost/api/internal/ai-gateway/logs", init), {
    params: Promise.resolve({}),
  });
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    controller.enqueue(Buffer.from(text.slice(text.length - 1000)));
    controller.close();
  };
  return { answer, finish };
}

const queued = () => db().traceOutbox.count({ where: { drainId: world.drainId } });
const clear = () => db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });

describe("POST /api/internal/ai-gateway/logs", () => {
  it("refuses a missing or wrong token with 401 and stores nothing", async () => {
    const before = await queued();
    expect(
      (await postLogs(records(world.keySecret, ["chat"]), { token: "wrong-token-wrong-token-wrong" })).status,
    ).toBe(401);
    const none = await postLogs(records(world.keySecret, ["chat"]), { token: "" });
    expect(none.status).toBe(401);
    expect(await queued()).toBe(before);
  });

  it.each([
    ["malformed JSON", '[{"id": oops}]'],
    ["truncated JSON", JSON.stringify(records("k", ["chat"])).slice(0, 200)],
    ["an empty body", ""],
  ])("answers 400 with a clear message to %s", async (_name, raw) => {
    const res = await postLogs(null, { raw });
    expect(res.status).toBe(400);
    expect(res.json.error?.message).toMatch(/malformed|truncated|empty|not JSON/i);
  });

  it("accepts NDJSON and a single object", async () => {
    await clear();
    const [a, b] = records(world.keySecret, ["chat", "embedding"]);
    expect((await postLogs(null, { raw: `${JSON.stringify(a)}\n${JSON.stringify(b)}\n` })).json).toEqual({
      accepted: 2,
      skipped: [],
    });
    expect((await postLogs(a)).json).toMatchObject({ accepted: 1 });
    expect(await queued()).toBe(3);
  });

  it("tolerates NaN and Infinity from Python's encoder", async () => {
    await clear();
    const raw = JSON.stringify(records(world.keySecret, ["chat"]))
      .replace('"response_cost":0.00199', '"response_cost":NaN')
      .replace('"saved_cache_cost":0', '"saved_cache_cost":Infinity');
    const res = await postLogs(null, { raw });
    expect(res.json).toEqual({ accepted: 1, skipped: [] });
  });

  it("skips bad records with a reason and keeps the rest of the batch", async () => {
    await clear();
    const [good] = records(world.keySecret, ["chat"]);
    const unknownKey = records("sk-apt-nobody", ["chat"])[0];
    const res = await postLogs([
      good,
      42,
      { id: "no-metadata" },
      unknownKey,
      { metadata: { user_api_key_hash: "zz" } },
    ]);
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(1);
    expect(res.json.skipped).toEqual([
      { index: 1, reason: "not a JSON object" },
      { index: 2, reason: MISSING_KEY_HASH },
      { index: 3, reason: "unknown key (metadata.user_api_key_hash matches no LLM key)" },
      { index: 4, reason: expect.stringMatching(/malformed metadata\.user_api_key_hash .*64 hex/) },
    ]);
    expect(await queued()).toBe(1);
  });

  it("skips records of revoked keys, of organizations without the beta, and of environments without an active drain", async () => {
    await clear();
    const revoked = "sk-apt-revoked-key";
    await db().llmKey.create({
      data: {
        organizationId: world.orgA.id,
        environmentId: world.envA.id,
        alias: "old",
        keyHash: hashLlmKey(revoked),
        prefix: "sk-apt-revo",
        revokedAt: new Date(),
      },
    });
    const orgB = "sk-apt-org-b-key";
    await db().llmKey.create({
      data: {
        organizationId: world.orgB.id,
        environmentId: world.envB.id,
        alias: "b",
        keyHash: hashLlmKey(orgB),
        prefix: "sk-apt-org-",
      },
    });
    const res = await postLogs([...records(revoked, ["chat"]), ...records(orgB, ["chat"])]);
    expect((res.json.skipped as { reason: string }[]).map((s) => s.reason)).toEqual([
      "key revoked",
      expect.stringMatching(/organization not enabled/),
    ]);

    await db().organization.update({ where: { id: world.orgA.id }, data: { aiGatewayBetaEnrolledAt: null } });
    const suspended = await postLogs(records(world.keySecret, ["chat"]));
    expect((suspended.json.skipped as { reason: string }[])[0]!.reason).toMatch(/organization not enabled/);
    await db().organization.update({ where: { id: world.orgA.id }, data: { aiGatewayBetaEnrolledAt: new Date() } });

    await db().llmTraceDrain.update({ where: { id: world.drainId }, data: { pausedAt: new Date() } });
    const paused = await postLogs(records(world.keySecret, ["chat"]));
    expect((paused.json.skipped as { reason: string }[])[0]!.reason).toBe(
      "no active LLM Trace Drain in the environment",
    );
    await db().llmTraceDrain.update({ where: { id: world.drainId }, data: { pausedAt: null } });
    expect(await queued()).toBe(0);
  });

  it("updates the key's last-used time", async () => {
    const key = await db().llmKey.findFirstOrThrow({ where: { keyHash: hashLlmKey(world.keySecret) } });
    expect(key.lastUsedAt).not.toBeNull();
  });

  it("takes a 10,000-record batch in one request", async () => {
    await clear();
    const batch = Array.from({ length: 10_000 }, () => records(world.keySecret, ["chat"])[0]);
    const res = await postLogs(batch);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ accepted: 10_000, skipped: [] });
    expect(await queued()).toBe(10_000);
    await clear();
  }, 120_000);

  describe("Content-Encoding", () => {
    const gzipped = (text: string) => new Uint8Array(gzipSync(text));

    it("accepts a gzip-compressed batch", async () => {
      await clear();
      const batch = records(world.keySecret, ["chat", "embedding", "chat"]);
      const res = await postLogs(null, { raw: gzipped(JSON.stringify(batch)), contentEncoding: "gzip" });
      expect(res.status).toBe(202);
      expect(res.json).toEqual({ accepted: 3, skipped: [] });
      expect(await queued()).toBe(3);
    });

    it("limits the inflated size, not the compressed one: a small body that inflates past the limit is 413", async () => {
      await clear();
      const bomb = gzipped(`[${" ".repeat(49 * 1024 * 1024)}]`);
      expect(bomb.byteLength).toBeLessThan(1024 * 1024);
      const res = await postLogs(null, { raw: bomb, contentEncoding: "gzip" });
      expect(res.status).toBe(413);
      expect(await queued()).toBe(0);
    });

    it("skips one record that inflates past the record limit, without holding it, and keeps the others", async () => {
      await clear();
      const [first, last] = records(world.keySecret, ["chat", "chat"]) as Record<string, unknown>[];
      const huge = { ...first, messages: [{ role: "user", content: "A".repeat(33 * 1024 * 1024) }] };
      const body = gzipped(JSON.stringify([first, huge, last]));
      expect(body.byteLength).toBeLessThan(1024 * 1024);
      const res = await postLogs(null, { raw: body, contentEncoding: "gzip" });
      expect(res.status).toBe(202);
      expect(res.json).toEqual({
        accepted: 2,
        skipped: [{ index: 1, reason: "record larger than 32 MB (INGEST_MAX_RECORD_BYTES)" }],
      });
      expect(await queued()).toBe(2);
      await clear();
    });

    it("answers 400 to a body that is not the gzip it claims, and 415 to an encoding it does not read", async () => {
      const batch = JSON.stringify(records(world.keySecret, ["chat"]));
      const notGzip = await postLogs(null, { raw: batch, contentEncoding: "gzip" });
      expect(notGzip.status).toBe(400);
      expect(notGzip.json.error?.message).toMatch(/not valid gzip/);
      const brotli = await postLogs(null, { raw: batch, contentEncoding: "br" });
      expect(brotli.status).toBe(415);
      expect(brotli.json.error?.message).toMatch(/gzip/);
    });
  });

  it("answers 413 to a body over the limit and stores nothing", async () => {
    const res = await postLogs(null, { raw: `[${" ".repeat(49 * 1024 * 1024)}]` });
    expect(res.status).toBe(413);
    expect(await queued()).toBe(0);
  });
});

describe("many concurrent senders", () => {
  it("seal and store at most a fixed budget of bytes at once across requests, and accept everything", async () => {
    await clear();
    let active = 0;
    let mostSlices = 0;
    let activeBytes = 0;
    let mostBytes = 0;
    setSealPool({
      seal: async (job) => {
        active++;
        activeBytes += job.data.byteLength;
        mostSlices = Math.max(mostSlices, active);
        mostBytes = Math.max(mostBytes, activeBytes);
        await new Promise((resolve) => setTimeout(resolve, 5));
        try {
          return sealSlice(job, config().drainKeyring);
        } finally {
          active--;
          activeBytes -= job.data.byteLength;
        }
      },
    });
    try {
      // 12 requests of 600 records: 3 slices each, up to 4 per request, 36 without a bound.
      const body = records(
        world.keySecret,
        Array.from({ length: 600 }, () => "chat" as const),
      );
      const answers = await Promise.all(Array.from({ length: 12 }, () => postLogs(body)));
      expect(answers.map((a) => a.json.accepted)).toEqual(Array.from({ length: 12 }, () => 600));
      expect(await queued()).toBe(12 * 600);
      expect(mostSlices).toBeGreaterThan(1);
      expect(mostBytes).toBeLessThanOrEqual(slicePermits().size);
      expect(slicePermits().size).toBeLessThan(12 * Buffer.byteLength(JSON.stringify(body)));
    } finally {
      setSealPool(undefined);
    }
  });

  it("a gateway posting each record on its own: 300 requests at once are all accepted, each record stored once", async () => {
    await clear();
    const bodies = Array.from({ length: 300 }, () => records(world.keySecret, ["chat"]));
    const answers = await Promise.all(bodies.map((body) => postLogs(body)));
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 202));
    expect(answers.every((a) => a.json.accepted === 1)).toBe(true);
    const rows = await db().traceOutbox.findMany({ where: { drainId: world.drainId }, select: { spanId: true } });
    expect(rows).toHaveLength(300);
    expect(new Set(rows.map((r) => r.spanId)).size).toBe(300);
  });

  it("a body of tens of thousands of unusable records: all counted, the first thousand listed", async () => {
    const res = await postLogs(null, { raw: "1\n".repeat(20_000) });
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(0);
    expect(res.json.skippedCount).toBe(20_000);
    const skipped = res.json.skipped as { index: number; reason: string }[];
    expect(skipped).toHaveLength(1000);
    expect(skipped[0]).toEqual({ index: 0, reason: "not a JSON object" });
    expect(skipped[999]!.index).toBe(999);
  });

  it("an unbalanced NDJSON line followed by 50,000 lines in a gzip body: each line is counted on its own", async () => {
    const raw = gzipSync(Buffer.from(`{\n${"1\n".repeat(50_000)}`));
    const res = await postLogs(null, { raw: new Uint8Array(raw), contentEncoding: "gzip" });
    expect(res.status).toBe(202);
    expect(res.json.accepted).toBe(0);
    expect(res.json.skippedCount).toBe(50_001);
    const skipped = res.json.skipped as { index: number; reason: string }[];
    expect(skipped[0]).toEqual({ index: 0, reason: "malformed JSON" });
    expect(skipped[1]).toEqual({ index: 1, reason: "not a JSON object" });
  });

  it("a drain deleted while a request is in flight: its spans are dropped, the environment's other drains get theirs", async () => {
    await clear();
    const drain = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: world.drainId } });
    const doomed = await db().llmTraceDrain.create({
      data: {
        id: randomUUID(),
        organizationId: drain.organizationId,
        environmentId: drain.environmentId,
        type: drain.type,
        handle: "deleted-mid-request",
        config: drain.config ?? {},
        secrets: drain.secrets ?? {},
        secretHints: drain.secretHints ?? {},
      },
    });
    setSealPool({
      seal: async (job) => {
        await db().llmTraceDrain.delete({ where: { id: doomed.id } });
        return sealSlice(job, config().drainKeyring);
      },
    });
    try {
      const res = await postLogs(records(world.keySecret, ["chat", "chat"]));
      expect(res.status).toBe(202);
      expect(res.json).toEqual({ accepted: 2, skipped: [] });
      expect(await queued()).toBe(2);
    } finally {
      setSealPool(undefined);
    }
  });

  it("a request with a huge record does not hold other senders' small requests behind it", async () => {
    await clear();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    setSealPool({
      seal: async (job) => {
        if (job.data.byteLength > slicePermits().size / 2) await held;
        return sealSlice(job, config().drainKeyring);
      },
    });
    try {
      const huge = records(world.keySecret, ["chat"], { padding: slicePermits().size });
      const big = postLogs(huge);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const small = await postLogs(records(world.keySecret, ["chat"]));
      expect(small.json).toEqual({ accepted: 1, skipped: [] });
      release();
      expect((await big).json).toEqual({ accepted: 1, skipped: [] });
    } finally {
      release();
      setSealPool(undefined);
    }
  });

  it("requests stalled inside large records hold at most the buffer budget: the next is answered 503, and room returns when they end", async () => {
    await clear();
    const budget = setBufferBudget(256 * 1024, 200)!;
    try {
      const first = stalledRequest();
      await vi.waitFor(() => expect(budget.held).toBeGreaterThan(190 * 1024));
      const second = stalledRequest();
      const refused = await second.answer;
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("5");
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/busy.*retry/i);
      expect(budget.held).toBeLessThanOrEqual(budget.size);
      // On-call sees why in the log, with how full the budget was.
      const line = logs()
        .split("\n")
        .find((l) => l.includes("ingest request refused: no room to buffer it"));
      expect(JSON.parse(line!)).toMatchObject({ level: "warn", budgetBytes: 256 * 1024, waitingRequests: 0 });

      first.finish();
      const done = await first.answer;
      expect(done.status).toBe(202);
      expect(await done.json()).toEqual({ accepted: 1, skipped: [] });
      expect(budget.held).toBe(0);
      expect((await postLogs(records(world.keySecret, ["chat"]))).json).toEqual({ accepted: 1, skipped: [] });
      expect(await queued()).toBe(2);
    } finally {
      setBufferBudget();
    }
  });

  it("a request waiting for buffer room whose client has gone stops waiting at once", async () => {
    const budget = setBufferBudget(256 * 1024, 10_000)!;
    const first = stalledRequest();
    try {
      await vi.waitFor(() => expect(budget.held).toBeGreaterThan(190 * 1024));
      const gone = new AbortController();
      const second = stalledRequest(gone.signal);
      await vi.waitFor(() => expect(budget.queued).toBe(1));
      const started = Date.now();
      gone.abort();
      await second.answer;
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(budget.queued).toBe(0);
      first.finish();
      expect((await first.answer).status).toBe(202);
      expect(budget.held).toBe(0);
    } finally {
      first.finish();
      setBufferBudget();
    }
  });
});
