import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deflateRawSync } from "node:zlib";
import { db } from "@/lib/db/database";
import { config } from "@/lib/config/env";
import { encryptBytes } from "@/lib/crypto/keyring";
import { RECORD_KINDS } from "@/lib/simulator/records";
import * as item from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as health from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/health/route";
import { call } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, makeDue, newWorker, outboxCounts, postLogs, records } from "./forwarding-fixtures";

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;

beforeAll(async () => {
  world = await createForwardingWorld(fake());
});
beforeEach(() => {
  fake().setMode("normal");
  fake().rejectSpanIds.clear();
  fake().spans.length = 0;
});

describe("end to end: gateway records reach Langfuse as generations", () => {
  it("a new drain waits for its first trace, and is healthy once one is delivered", async () => {
    const healthOf = async () =>
      (
        await call(health.GET, {
          params: { environmentId: world.envA.id, drainId: world.drainId },
          token: world.tokens.owner,
        })
      ).json.health as { status: string };
    expect((await healthOf()).status).toBe("waiting");
    await postLogs(records(world.keySecret, ["chat"]));
    expect((await healthOf()).status).toBe("waiting");
    await newWorker().runOnce();
    expect((await healthOf()).status).toBe("healthy");
  });

  it("delivers one span per record with model, usage, cost, session and user, then empties the outbox", async () => {
    const res = await postLogs(records(world.keySecret, [...RECORD_KINDS]));
    expect(res.status).toBe(202);
    const kinds = RECORD_KINDS.length;
    expect(res.json).toEqual({ accepted: kinds, skipped: [] });
    expect(await outboxCounts(world.drainId)).toEqual({ pending: kinds, dead: 0 });

    expect(await newWorker().runOnce()).toBe(kinds);
    expect(fake().spans).toHaveLength(kinds);
    const chat = fake().spans.find(
      (s) =>
        s.name === "chat gpt-4o" &&
        s.attributes["aptible.request.stream"] === undefined &&
        !s.attributes["error.type"] &&
        !s.attributes["aptible.cache.hit"] &&
        !s.attributes["gen_ai.tool.definitions"],
    )!;
    expect(chat.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.usage.input_tokens": 412,
      "gen_ai.usage.output_tokens": 96,
      "gen_ai.usage.cost": 0.00199,
      "gen_ai.conversation.id": "sess-1",
      "user.id": "user-1",
    });
    expect(typeof chat.attributes["gen_ai.input.messages"]).toBe("string");
    expect(chat.kind).toBe(3);
    const failed = fake().spans.find((s) => s.attributes["error.type"] === "RateLimitError")!;
    expect(failed.status.code).toBe(2);

    const exportReq = fake().exports.at(-1)!;
    expect(exportReq.headers["x-langfuse-ingestion-version"]).toBe("4");
    expect(exportReq.headers["content-type"]).toBe("application/x-protobuf");
    expect(exportReq.headers["content-encoding"]).toBe("gzip");
    expect(exportReq.spanCount).toBe(kinds);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 0, dead: 0 });
    const bucket = await db().drainDeliveryBucket.findFirstOrThrow({ where: { drainId: world.drainId } });
    expect(bucket.delivered).toBeGreaterThanOrEqual(kinds);
  });

  it("stores queued content encrypted, never in plain text", async () => {
    await postLogs(records(world.keySecret, ["chat"]));
    const row = await db().traceOutbox.findFirstOrThrow({ where: { drainId: world.drainId } });
    const bytes = Buffer.from(row.payload);
    expect(bytes.toString("latin1")).not.toContain("patient 4411");
    expect(bytes.subarray(1, 1 + bytes[0]!).toString("ascii")).toBe("vtest");
    await newWorker().runOnce();
  });

  it("sends no content for a drain set to forward metadata only", async () => {
    await call(item.PATCH, {
      method: "PATCH",
      params: { environmentId: world.envA.id, drainId: world.drainId },
      token: world.tokens.owner,
      json: { forwardContent: false },
    });
    await postLogs(records(world.keySecret, ["tool_calls"]));
    await newWorker().runOnce();
    const span = fake().spans.at(-1)!;
    expect(span.attributes).not.toHaveProperty("gen_ai.input.messages");
    expect(span.attributes).not.toHaveProperty("gen_ai.tool.definitions");
    expect(span.attributes["gen_ai.usage.input_tokens"]).toBe(412);
    await call(item.PATCH, {
      method: "PATCH",
      params: { environmentId: world.envA.id, drainId: world.drainId },
      token: world.tokens.owner,
      json: { forwardContent: true },
    });
  });
});

describe("faults: nothing accepted is lost", () => {
  it("receiver down, then back up", async () => {
    fake().setMode("down-503");
    await postLogs(records(world.keySecret, ["chat", "streaming", "embedding"]));
    await newWorker().runOnce();
    expect(fake().spans).toHaveLength(0);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 3, dead: 0 });
    const row = await db().traceOutbox.findFirstOrThrow({ where: { drainId: world.drainId } });
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(row.lastError).toMatch(/503|retry/i);
    const drain = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: world.drainId } });
    expect(drain.lastErrorAt).not.toBeNull();

    fake().setMode("normal");
    expect(await newWorker().runOnce()).toBe(0); // backing off
    await makeDue(world.drainId);
    expect(await newWorker().runOnce()).toBe(3);
    expect(fake().spans).toHaveLength(3);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 0, dead: 0 });
  });

  it("a 429 storm: retried later, then delivered", async () => {
    fake().setMode("rate-limited");
    await postLogs(records(world.keySecret, ["chat", "chat"]));
    await newWorker().runOnce();
    await makeDue(world.drainId);
    await newWorker().runOnce();
    expect(fake().spans).toHaveLength(0);
    expect(fake().exports.filter((e) => e.status === 429).length).toBeGreaterThanOrEqual(2);
    fake().setMode("normal");
    await makeDue(world.drainId);
    await newWorker().runOnce();
    expect(fake().spans).toHaveLength(2);
  });

  it("401 holds the drain as authentication failed until its keys are updated", async () => {
    fake().setMode("unauthorized");
    await postLogs(records(world.keySecret, ["chat", "streaming"]));
    await newWorker().runOnce();
    const held = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: world.drainId } });
    expect(held.authFailedAt).not.toBeNull();
    expect(held.lastErrorStatus).toBe(401);
    expect(held.lastErrorMessage).toMatch(/Invalid credentials/);
    fake().setMode("normal");
    await makeDue(world.drainId);
    expect(await newWorker().runOnce()).toBe(0); // held: not even claimed
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 2, dead: 0 });

    const patched = await call(item.PATCH, {
      method: "PATCH",
      params: { environmentId: world.envA.id, drainId: world.drainId },
      token: world.tokens.owner,
      json: { secretKey: fake().secretKey },
    });
    expect(patched.status).toBe(200);
    expect(await newWorker().runOnce()).toBe(2);
    expect(fake().spans).toHaveLength(2);
  });

  it("400 for one span in a batch: that span is dead-lettered with Langfuse's message, the rest delivered", async () => {
    await postLogs(records(world.keySecret, ["chat", "chat", "chat", "chat", "chat"]));
    const rows = await db().traceOutbox.findMany({ where: { drainId: world.drainId }, orderBy: { id: "asc" } });
    fake().rejectSpanIds.add(rows[2]!.spanId);
    await newWorker().runOnce();
    expect(
      fake()
        .spans.map((s) => s.spanId)
        .sort(),
    ).toEqual(
      rows
        .filter((_, i) => i !== 2)
        .map((r) => r.spanId)
        .sort(),
    );
    const dead = await db().traceOutbox.findMany({ where: { drainId: world.drainId, deadAt: { not: null } } });
    expect(dead.map((d) => d.spanId)).toEqual([rows[2]!.spanId]);
    expect(dead[0]!.lastError).toMatch(/HTTP 400.*Invalid span/);
    await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
  });

  it("a destination rejecting every span is searched for its culprit only within half the lease", async () => {
    await postLogs(records(world.keySecret, ["chat", "chat", "chat", "chat", "chat", "chat", "chat", "chat"]));
    let calls = 0;
    const rejecting = (ms: number) => async () => {
      calls++;
      await new Promise((r) => setTimeout(r, ms));
      return { kind: "rejected" as const, status: 400, message: "bad request" };
    };
    // Halving 8 spans to single ones takes 15 requests: 100 ms each against a 600 ms budget.
    await newWorker({ leaseMs: 1_200, exporter: rejecting(100) }).runOnce();
    expect(calls).toBeLessThan(15);
    const waiting = await outboxCounts(world.drainId);
    expect(waiting.pending + waiting.dead).toBe(8);
    expect(waiting.pending).toBeGreaterThan(0);
    // Nothing is lost: with time for the search, every span ends as a dead letter of its own.
    await makeDue(world.drainId);
    calls = 0;
    await newWorker({ exporter: rejecting(1) }).runOnce();
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 0, dead: 8 });
    await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
  });

  it("a worker killed mid-batch: its rows come back after the lease, and are delivered", async () => {
    await postLogs(records(world.keySecret, ["chat", "embedding"]));
    const crashed = newWorker({ leaseMs: 60_000, exporter: () => new Promise(() => undefined) });
    void crashed.runOnce(); // claims, then never settles: a process that died mid-export
    await new Promise((r) => setTimeout(r, 300));
    expect(await newWorker().runOnce()).toBe(0); // leased elsewhere
    await db().traceOutbox.updateMany({
      where: { drainId: world.drainId },
      data: { leasedUntil: new Date(Date.now() - 1) },
    });
    expect(await newWorker().runOnce()).toBe(2);
    expect(fake().spans).toHaveLength(2);
  });

  it("gives up after the retry window with a visible dead letter", async () => {
    fake().setMode("down-503");
    await postLogs(records(world.keySecret, ["chat"]));
    await db().traceOutbox.updateMany({
      where: { drainId: world.drainId },
      data: { firstFailedAt: new Date(Date.now() - 25 * 3600_000) },
    });
    await newWorker().runOnce();
    const dead = await db().traceOutbox.findFirstOrThrow({ where: { drainId: world.drainId } });
    expect(dead.deadAt).not.toBeNull();
    expect(dead.lastError).toMatch(/gave up after 24 h/);
    await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
  });
});

describe("Langfuse's usage suspension is not an authentication failure", () => {
  it("403 'Ingestion suspended' is retried with backoff and shown as its own state with Langfuse's message", async () => {
    fake().setMode("usage-suspended");
    await postLogs(records(world.keySecret, ["chat", "embedding"]));
    await newWorker().runOnce();
    const drain = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: world.drainId } });
    expect(drain.authFailedAt).toBeNull();
    expect(drain.lastErrorStatus).toBe(403);
    expect(drain.lastErrorMessage).toBe("Ingestion suspended: Usage threshold exceeded. Please upgrade your plan.");
    const row = await db().traceOutbox.findFirstOrThrow({ where: { drainId: world.drainId } });
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    const h = await call(health.GET, {
      params: { environmentId: world.envA.id, drainId: world.drainId },
      token: world.tokens.owner,
    });
    expect(h.json.health).toMatchObject({ status: "ingestion_suspended", pending: 2 });

    fake().setMode("normal");
    await makeDue(world.drainId);
    expect(await newWorker().runOnce()).toBe(2);
    expect(fake().spans).toHaveLength(2);
  });
});

describe("an upgrade keeps the queue", () => {
  it("a span queued in the earlier format (deflated JSON) is converted and delivered", async () => {
    const span = {
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      spanId: "00f067aa0ba90001",
      name: "chat gpt-4o",
      startTimeUnixNano: "1795766400125000000",
      endTimeUnixNano: "1795766401875000000",
      attributes: { "gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": 12 },
      status: { code: 0 },
    };
    const aad = `outbox|drain:${world.drainId}|span:${span.spanId}`;
    const payload = encryptBytes(config().drainKeyring, deflateRawSync(Buffer.from(JSON.stringify(span))), aad);
    await db().traceOutbox.create({
      data: {
        drainId: world.drainId,
        spanId: span.spanId,
        payload: new Uint8Array(payload),
        payloadFormat: 1,
        sizeBytes: 400,
      },
    });
    expect(await newWorker().runOnce()).toBe(1);
    expect(fake().spans).toEqual([
      expect.objectContaining({ spanId: span.spanId, name: "chat gpt-4o", attributes: span.attributes }),
    ]);
  });
});
