import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import * as item from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as unsavedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/test-connection/route";
import * as savedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-connection/route";
import * as testTrace from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-trace/route";
import * as deliveries from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/deliveries/route";
import { db } from "@/lib/db/database";
import { call } from "./fixtures";
import { withFakeOtlp } from "./drain-fixtures";
import { createKeyedWorld, newWorker, outboxCounts, postLogs, records } from "./forwarding-fixtures";

// The OpenTelemetry (OTLP/HTTP) destination end to end against a local OTLP receiver: the
// drain is created and tested through the API, gateway records are ingested and delivered
// in both encodings, with and without gzip, and a refusal (401) or a partial success shows.

const fake = withFakeOtlp();
let world: Awaited<ReturnType<typeof createKeyedWorld>>;

beforeAll(async () => {
  world = await createKeyedWorld("sk-apt-otlp");
});

// Each test starts without the OTLP drains of the ones before: an environment holds at most ten.
beforeEach(async () => {
  await db().llmTraceDrain.deleteMany({ where: { environmentId: world.envA.id, type: "otlp" } });
});

const env = () => ({ environmentId: world.envA.id });
const owner = (handler: Parameters<typeof call>[0], options: Parameters<typeof call>[1]) =>
  call(handler, { token: world.tokens.owner, ...options });
const otlpBody = (overrides: Record<string, unknown> = {}) => ({
  type: "otlp",
  handle: `otlp-${Math.random().toString(36).slice(2, 8)}`,
  endpoint: fake().url,
  headers: [{ name: fake().headerName, value: fake().headerValue }],
  acknowledgeContentForwarding: true,
  ...overrides,
});

async function createOtlpDrain(overrides: Record<string, unknown> = {}) {
  const res = await owner(list.POST, { params: env(), json: otlpBody(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.json.drain as { id: string; endpoint: string; headerNames: string[]; encoding: string };
}

/** Only this drain is active, so an ingested record goes to it alone. */
async function onlyActive(drainId: string) {
  await db().llmTraceDrain.updateMany({
    where: { environmentId: world.envA.id, id: { not: drainId } },
    data: { pausedAt: new Date() },
  });
  await db().llmTraceDrain.update({ where: { id: drainId }, data: { pausedAt: null } });
}

async function deliverAll() {
  const worker = newWorker();
  while ((await worker.runOnce()) > 0) {
    // until the outbox is empty or held
  }
}

describe("creating an OTLP drain", () => {
  it("stores header values encrypted and shows only their names", async () => {
    const drain = await createOtlpDrain();
    expect(drain).toMatchObject({
      type: "otlp",
      endpoint: fake().url,
      headerNames: [fake().headerName],
      encoding: "protobuf",
      compression: "gzip",
    });
    expect(JSON.stringify(drain)).not.toContain(fake().headerValue);
    const row = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    expect(JSON.stringify(row)).not.toContain(fake().headerValue);
    const shown = await owner(item.GET, { params: { ...env(), drainId: drain.id } });
    expect(shown.text).not.toContain(fake().headerValue);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { targetId: drain.id, action: "llm_trace_drain.create" },
    });
    expect(audit.changedFields).toEqual(expect.arrayContaining(["endpoint", "headers", "encoding"]));
  });

  it("refuses another destination's fields on edit, and a new endpoint without the headers again", async () => {
    const drain = await createOtlpDrain();
    const params = { ...env(), drainId: drain.id };
    const foreign = await owner(item.PATCH, {
      method: "PATCH",
      params,
      json: { baseUrl: "https://cloud.langfuse.com" },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.json.error?.fields?.baseUrl).toBe("Not a setting of OpenTelemetry (OTLP/HTTP) drains");
    const moved = await owner(item.PATCH, { method: "PATCH", params, json: { endpoint: `${fake().url}/otlp` } });
    expect(moved.status).toBe(422);
    expect(moved.json.error?.fields?.headers).toBe("Enter the headers again to change the endpoint");
    const encoding = await owner(item.PATCH, { method: "PATCH", params, json: { encoding: "json" } });
    expect(encoding.status).toBe(200);
    expect(encoding.json.drain).toMatchObject({ encoding: "json", headerNames: [fake().headerName] });
  });
});

describe("Test connection", () => {
  const test = (body: Record<string, unknown>) =>
    owner(unsavedTest.POST, { method: "POST", params: env(), json: { type: "otlp", ...body } });

  it("succeeds with an empty export, in either encoding", async () => {
    for (const encoding of ["protobuf", "json"]) {
      const before = fake().exports.length;
      const res = await test({ endpoint: fake().url, headers: otlpBody().headers, encoding });
      expect(res.json.result, res.text).toMatchObject({ ok: true });
      expect(fake().exports.slice(before)).toEqual([
        expect.objectContaining({
          status: 200,
          spanCount: 0,
          contentType: encoding === "json" ? "application/json" : "application/x-protobuf",
        }),
      ]);
    }
  });

  it.each([
    [
      "wrong credentials",
      { headers: [{ name: "x-api-key", value: "wrong" }] },
      "invalid_keys",
      /refused the credentials/,
    ],
    ["a wrong path", { endpoint: "PATH/otel/traces" }, "wrong_path", /No OTLP receiver at \/otel\/traces\/v1\/traces/],
  ])("names %s", async (_name, overrides, reason, message) => {
    const endpoint = ("endpoint" in overrides ? overrides.endpoint : fake().url).replace("PATH", fake().url);
    const res = await test({ headers: otlpBody().headers, ...overrides, endpoint });
    expect(res.json.result).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
  });

  it("recognises a web page that is not an OTLP receiver", async () => {
    fake().setMode("html");
    try {
      const res = await test({ endpoint: fake().url, headers: otlpBody().headers });
      expect(res.json.result).toMatchObject({ ok: false, reason: "not_otlp" });
    } finally {
      fake().setMode("normal");
    }
  });

  it("tests a saved drain with its stored headers", async () => {
    const drain = await createOtlpDrain();
    const res = await owner(savedTest.POST, { method: "POST", params: { ...env(), drainId: drain.id } });
    expect(res.json.result).toMatchObject({ ok: true });
  });
});

describe("delivery", () => {
  it.each([
    ["protobuf", "gzip"],
    ["json", "gzip"],
    ["protobuf", "none"],
    ["json", "none"],
  ])(
    "delivers ingested records as semconv spans (%s, %s), without Langfuse's attributes",
    async (encoding, compression) => {
      const drain = await createOtlpDrain({ encoding, compression });
      await onlyActive(drain.id);
      const before = fake().exports.length;
      const sent = records(world.keySecret, ["chat", "tool_calls"]);
      expect((await postLogs(sent)).json).toMatchObject({ accepted: 2 });
      await deliverAll();
      const exports = fake()
        .exports.slice(before)
        .filter((e) => e.spanCount > 0);
      expect(exports).toEqual([
        expect.objectContaining({
          status: 200,
          spanCount: 2,
          contentType: encoding === "json" ? "application/json" : "application/x-protobuf",
          contentEncoding: compression === "gzip" ? "gzip" : "",
        }),
      ]);
      const ids = new Set(sent.map((r) => r.id));
      const spans = fake().spans.filter((s) => ids.has(String(s.attributes["aptible.request.id"])));
      expect(spans).toHaveLength(2);
      for (const span of spans) {
        expect(span.attributes["gen_ai.operation.name"]).toBe("chat");
        expect(span.attributes["gen_ai.input.messages"]).toEqual(expect.any(String));
        expect(Object.keys(span.attributes).filter((k) => k.startsWith("langfuse."))).toEqual([]);
      }
      expect(await outboxCounts(drain.id)).toEqual({ pending: 0, dead: 0 });
    },
  );

  it("holds the queue on 401, shows it, and delivers after the headers are replaced", async () => {
    const drain = await createOtlpDrain();
    await onlyActive(drain.id);
    fake().setMode("unauthorized");
    try {
      await postLogs(records(world.keySecret, ["chat"]));
      await deliverAll();
      const held = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
      expect(held.authFailedAt).not.toBeNull();
      expect(held.lastErrorStatus).toBe(401);
      expect(await outboxCounts(drain.id)).toEqual({ pending: 1, dead: 0 });
    } finally {
      fake().setMode("normal");
    }
    const replaced = await owner(item.PATCH, {
      method: "PATCH",
      params: { ...env(), drainId: drain.id },
      json: { headers: otlpBody().headers },
    });
    expect(replaced.status).toBe(200);
    await deliverAll();
    expect(await outboxCounts(drain.id)).toEqual({ pending: 0, dead: 0 });
  });

  it("counts a partial success as delivered and shows how many spans the endpoint rejected", async () => {
    const drain = await createOtlpDrain();
    await onlyActive(drain.id);
    fake().setMode("partial-success");
    try {
      await postLogs(records(world.keySecret, ["chat", "embedding"]));
      await deliverAll();
    } finally {
      fake().setMode("normal");
    }
    expect(await outboxCounts(drain.id)).toEqual({ pending: 0, dead: 0 });
    const row = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    expect(row.lastErrorMessage).toBe("The destination rejected 2 of 2 spans: fake: spans rejected");
  });

  it("never shows the header values a destination echoes back, to members or in Test connection", async () => {
    const drain = await createOtlpDrain();
    await onlyActive(drain.id);
    fake().setMode("echo-headers");
    try {
      await postLogs(records(world.keySecret, ["chat"]));
      await deliverAll();
      const tested = await owner(savedTest.POST, { params: { ...env(), drainId: drain.id } });
      expect(tested.text).toContain("request headers");
      expect(tested.text).not.toContain(fake().headerValue);
    } finally {
      fake().setMode("normal");
    }
    const row = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    expect(row.lastErrorMessage).toContain("[redacted]");
    const seen = await call(deliveries.GET, { token: world.tokens.member, params: { ...env(), drainId: drain.id } });
    expect(seen.status).toBe(200);
    expect(seen.text).toContain("[redacted]");
    expect(seen.text).not.toContain(fake().headerValue);
  });

  it("sends a test trace in the drain's encoding", async () => {
    const drain = await createOtlpDrain({ encoding: "json" });
    const before = fake().exports.length;
    const res = await owner(testTrace.POST, { method: "POST", params: { ...env(), drainId: drain.id } });
    expect(res.json.result).toMatchObject({ ok: true });
    expect(fake().exports.slice(before)).toEqual([
      expect.objectContaining({ status: 200, spanCount: 1, contentType: "application/json" }),
    ]);
  });
});
