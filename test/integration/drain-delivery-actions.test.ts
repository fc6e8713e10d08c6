import { beforeAll, describe, expect, it } from "vitest";
import { db, database } from "@/lib/db/database";
import * as testTrace from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-trace/route";
import * as retry from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/retry/route";
import * as health from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/health/route";
import * as deliveries from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/deliveries/route";
import { exportSpanMembers } from "@/lib/delivery/otlp-export";
import { FORMAT_PROTOBUF_GZIP } from "@/lib/delivery/payload-formats";
import { purgeDeadLetters } from "@/lib/delivery/outbox-store";
import { call } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, postLogs, records } from "./forwarding-fixtures";

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;
const params = () => ({ environmentId: world.envA.id, drainId: world.drainId });

beforeAll(async () => {
  world = await createForwardingWorld(fake());
});

describe("drain delivery actions", () => {
  it("Send test trace delivers one span marked as a test and counts it", async () => {
    const res = await call(testTrace.POST, { method: "POST", params: params(), token: world.tokens.owner });
    expect(res.status).toBe(200);
    const result = res.json.result as { ok: boolean; traceId: string };
    expect(result.ok).toBe(true);
    const span = fake().spans.find((s) => s.traceId === result.traceId)!;
    expect(span.attributes["aptible.test"]).toBe(true);
    expect(span.name).toBe("LLM Trace Drain test trace");
    expect(span.attributes["langfuse.trace.tags"]).toEqual(["test"]);
    expect(span.attributes["gen_ai.usage.cost"]).toBe(0);
    expect(span.attributes).not.toHaveProperty("gen_ai.conversation.id");
    expect(span.attributes).not.toHaveProperty("gen_ai.input.messages");
    const h = await call(health.GET, { params: params(), token: world.tokens.member });
    // The status agrees with the count: the destination took a span, so it is no longer waiting.
    expect(h.json.health).toMatchObject({ delivered24h: 1, status: "healthy", lastSuccessAt: expect.any(String) });
    const listed = await call(deliveries.GET, { params: params(), token: world.tokens.member });
    expect(listed.json.deliveries).toMatchObject({ attempts: [{ outcome: "delivered", spanCount: 1 }] });
  });

  it("Send test trace reports Langfuse's refusal inline", async () => {
    fake().setMode("unauthorized");
    const res = await call(testTrace.POST, { method: "POST", params: params(), token: world.tokens.owner });
    fake().setMode("normal");
    expect(res.json.result).toMatchObject({
      ok: false,
      httpStatus: 401,
      message: expect.stringMatching(/refused the keys.*Invalid credentials/),
    });
  });

  it("a test trace the destination could not take now is listed as not retried, not as Will retry", async () => {
    fake().setMode("down-503");
    try {
      const res = await call(testTrace.POST, { method: "POST", params: params(), token: world.tokens.owner });
      expect(res.json.result).toMatchObject({ ok: false });
    } finally {
      fake().setMode("normal");
    }
    const listed = await call(deliveries.GET, { params: params(), token: world.tokens.member });
    const [latest] = (listed.json.deliveries as { attempts: { outcome: string; message: string }[] }).attempts;
    expect(latest).toMatchObject({ outcome: "rejected", message: expect.stringMatching(/^Test trace, not retried: /) });
  });

  it("Send test trace does not count a web page at the URL as delivered", async () => {
    fake().setMode("html");
    try {
      const res = await call(testTrace.POST, { method: "POST", params: params(), token: world.tokens.owner });
      expect(res.json.result).toMatchObject({
        ok: false,
        message: expect.stringMatching(/web page instead of an OTLP answer/),
      });
    } finally {
      fake().setMode("normal");
    }
  });

  it("Retry dead letters requeues them and they are delivered; members may not retry", async () => {
    await postLogs(records(world.keySecret, ["chat", "chat"]));
    await db().traceOutbox.updateMany({
      where: { drainId: world.drainId },
      data: { deadAt: new Date(), lastError: "earlier failure" },
    });
    const h = await call(health.GET, { params: params(), token: world.tokens.owner });
    expect(h.json.health).toMatchObject({ deadLetters: 2, pending: 0 });
    expect((await call(retry.POST, { method: "POST", params: params(), token: world.tokens.member })).status).toBe(403);
    const res = await call(retry.POST, { method: "POST", params: params(), token: world.tokens.owner });
    expect(res.json.result).toEqual({ requeued: 2 });
    const before = fake().spans.length;
    expect(await newWorker().runOnce()).toBe(2);
    expect(fake().spans.length - before).toBe(2);
  });

  it("purges dead letters past their retention, and only those", async () => {
    await postLogs(records(world.keySecret, ["chat", "chat"]));
    const [old, recent] = await db().traceOutbox.findMany({
      where: { drainId: world.drainId },
      orderBy: { id: "asc" },
    });
    await db().traceOutbox.update({ where: { id: old!.id }, data: { deadAt: new Date(Date.now() - 8 * 86400_000) } });
    await db().traceOutbox.update({ where: { id: recent!.id }, data: { deadAt: new Date(Date.now() - 86400_000) } });
    expect(await purgeDeadLetters(database().driver, 7 * 86400_000)).toBe(1);
    expect(await db().traceOutbox.findUnique({ where: { id: old!.id } })).toBeNull();
    expect(await db().traceOutbox.findUnique({ where: { id: recent!.id } })).not.toBeNull();
    await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
  });

  it("refuses at export time a host that is, or now resolves to, an internal address", async () => {
    const before = fake().exports.length;
    const outcome = await exportSpanMembers(
      {
        url: `https://127.0.0.1:${fake().port}/api/public/otel/v1/traces`,
        headers: {},
        encoding: "protobuf",
        compression: "gzip",
        label: "Langfuse",
      },
      { format: FORMAT_PROTOBUF_GZIP, members: [], framesLength: 0 },
    );
    expect(outcome).toMatchObject({ kind: "retryable", message: expect.stringMatching(/blocked/) });
    expect(fake().exports.length).toBe(before);
  });

  it("names a retried failure's status once: its words without the stored 'HTTP 503: '", async () => {
    const before = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: world.drainId } });
    const error = { lastErrorAt: new Date(), lastErrorStatus: 503, lastErrorMessage: "HTTP 503: Service unavailable" };
    await db().llmTraceDrain.update({ where: { id: world.drainId }, data: error });
    try {
      const h = await call(health.GET, { params: params(), token: world.tokens.member });
      expect(h.json.health).toMatchObject({ lastError: { httpStatus: 503, message: "Service unavailable" } });
    } finally {
      const { lastErrorAt, lastErrorStatus, lastErrorMessage } = before;
      await db().llmTraceDrain.update({
        where: { id: world.drainId },
        data: { lastErrorAt, lastErrorStatus, lastErrorMessage },
      });
    }
  });
});
