import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { buildRecord, type RecordKind } from "../simulator/records";
import { gatewayRecord } from "./gateway-record";
import { mapRecordToSpan, type SpanContext } from "./span-mapping";
import { spanIdentity } from "./span-ids";

const NOW = 1764000000;
const ctx: SpanContext = {
  traceId: "0af7651916cd43dd8448eb211c80319c",
  spanId: "b7ad6b7169203331",
  organizationId: "org-1",
  environmentId: "env-1",
  environmentHandle: "acme-production",
  keyAlias: "clinical-notes-api",
  forwardContent: true,
};

function span(kind: RecordKind, overrides: Record<string, unknown> = {}, context: Partial<SpanContext> = {}) {
  const raw: Record<string, unknown> = {
    ...buildRecord({ kind, keySecret: "sk-apt-test", sessionId: "sess-42", endUser: "clinician-7", now: NOW }),
    id: "chatcmpl-fixed",
    ...overrides,
  };
  if (raw.response && typeof raw.response === "object") (raw.response as Record<string, unknown>).id = "chatcmpl-fixed";
  return mapRecordToSpan(gatewayRecord.parse(raw), { ...ctx, ...context });
}

describe("chat record → GenAI span", () => {
  it("carries every promised attribute with the right types", () => {
    const s = span("chat");
    expect(s.name).toBe("chat gpt-4o");
    expect(s.startTimeUnixNano).toBe("1763999998800000000");
    expect(s.endTimeUnixNano).toBe("1764000000000000000");
    expect(s.status).toEqual({ code: 0 });
    expect(s.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.id": "chatcmpl-fixed",
      "gen_ai.request.max_tokens": 512,
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.seed": 7,
      "gen_ai.request.stop_sequences": ["\n\nEND"],
      "server.address": "api.openai.com",
      "server.port": 443,
      "client.address": "198.51.100.23",
      "user_agent.original": "python-httpx/0.27",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 412,
      "gen_ai.usage.output_tokens": 96,
      "gen_ai.usage.cache_read.input_tokens": 0,
      "aptible.usage.total_tokens": 508,
      "gen_ai.usage.cost": 0.00199,
      "langfuse.observation.cost_details": '{"input":0.00103,"output":0.00096,"total":0.00199}',
      "aptible.cost.total_usd": 0.00199,
      "aptible.cost.input_usd": 0.00103,
      "aptible.cost.output_usd": 0.00096,
      "aptible.latency.total_ms": 1200,
      "aptible.gateway.overhead_ms": 4.2,
      "aptible.request.stream": false,
      "aptible.cache.hit": false,
      "aptible.cache.saved_cost_usd": 0,
      "aptible.ratelimit.limit_requests": 10000,
      "aptible.ratelimit.limit_tokens": 2000000,
      "aptible.ratelimit.remaining_requests": 9998,
      "aptible.ratelimit.remaining_tokens": 1999400,
      "aptible.key.spend_usd": 12.5,
      "aptible.key.max_budget_usd": 100,
      "aptible.key.remaining_budget_usd": 87.5,
      "aptible.key.budget_reset_at": "2026-12-01T00:00:00Z",
      "aptible.organization.id": "org-1",
      "aptible.environment.id": "env-1",
      "aptible.environment.handle": "acme-production",
      "aptible.key.hash": createHash("sha256").update("sk-apt-test").digest("hex"),
      "aptible.key.alias": "clinical-notes-api",
      "aptible.model.id": "deploy-gpt4o-east-1",
      "aptible.model.group": "gpt-4o",
      "aptible.request.route": "/chat/completions",
      "aptible.request.id": "chatcmpl-fixed",
      "aptible.request.call_type": "acompletion",
      "aptible.request.tags": ["User-Agent: python-httpx/0.27"],
      "langfuse.environment": "acme-production",
      "gen_ai.conversation.id": "sess-42",
      "user.id": "clinician-7",
      "gen_ai.input.messages": JSON.stringify([
        {
          role: "user",
          parts: [
            {
              type: "text",
              content: "Summarise today's visit for patient 4411: BP 128/82, mild cough, follow-up in 2 weeks.",
            },
          ],
        },
      ]),
      "gen_ai.system_instructions": JSON.stringify([
        { type: "text", content: "You are a clinical documentation assistant. Be concise." },
      ]),
      "gen_ai.output.messages": JSON.stringify([
        {
          role: "assistant",
          parts: [{ type: "text", content: "Visit summary: stable vitals, mild cough; follow-up in 2 weeks." }],
          finish_reason: "stop",
        },
      ]),
      "aptible.content.forwarded": true,
    });
  });

  it("omits prompts, completions, system instructions and tools when the drain forwards metadata only", () => {
    const s = span("tool_calls", {}, { forwardContent: false });
    for (const key of [
      "gen_ai.input.messages",
      "gen_ai.output.messages",
      "gen_ai.system_instructions",
      "gen_ai.tool.definitions",
    ]) {
      expect(s.attributes).not.toHaveProperty(key);
    }
    expect(JSON.stringify(s)).not.toContain("patient 4411");
    expect(s.attributes["aptible.content.forwarded"]).toBe(false);
    expect(s.attributes["gen_ai.usage.input_tokens"]).toBe(412);
    expect(s.attributes["gen_ai.usage.cost"]).toBe(0.00199);
  });
});

describe("other record kinds", () => {
  it("streaming: completion start time and time to first token", () => {
    const s = span("streaming");
    expect(s.attributes["langfuse.observation.completion_start_time"]).toBe(
      new Date((NOW - 1.2 + 0.35) * 1000).toISOString(),
    );
    expect(s.attributes["aptible.latency.time_to_first_token_ms"]).toBe(350);
    expect(s.attributes["aptible.request.stream"]).toBe(true);
  });

  it("non-streaming: no time to first token", () => {
    expect(span("chat").attributes).not.toHaveProperty("langfuse.observation.completion_start_time");
  });

  it("tool calls: definitions, tool_call parts with parsed arguments, provider finish reason kept", () => {
    const s = span("tool_calls");
    expect(JSON.parse(s.attributes["gen_ai.tool.definitions"] as string)).toEqual([
      {
        type: "function",
        name: "lookup_medication",
        description: "Look up a medication by name",
        parameters: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
      },
    ]);
    expect(JSON.parse(s.attributes["gen_ai.output.messages"] as string)).toEqual([
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "call_1", name: "lookup_medication", arguments: { name: "lisinopril" } }],
        finish_reason: "tool_call",
      },
    ]);
    expect(s.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_calls"]);
  });

  it("cache hit: cache attributes, cached tokens included in input tokens", () => {
    const s = span("cache_hit");
    expect(s.attributes["aptible.cache.hit"]).toBe(true);
    expect(s.attributes["aptible.cache.key"]).toMatch(/^[0-9a-f]{64}$/);
    expect(s.attributes["aptible.cache.saved_cost_usd"]).toBe(0.00199);
    expect(s.attributes["gen_ai.usage.input_tokens"]).toBe(412);
    expect(s.attributes["gen_ai.usage.cache_read.input_tokens"]).toBe(384);
    expect(s.attributes["gen_ai.usage.cache_creation.input_tokens"]).toBe(0);
    expect(s.attributes["gen_ai.usage.cost"]).toBe(0);
  });

  it("provider error: status ERROR with the message, error.type and details", () => {
    const s = span("provider_error");
    expect(s.status).toEqual({ code: 2, message: "Rate limit reached for gpt-4o" });
    expect(s.attributes["error.type"]).toBe("RateLimitError");
    expect(s.attributes["aptible.error.code"]).toBe("429");
    expect(s.attributes["aptible.error.provider"]).toBe("openai");
    expect(s.attributes).not.toHaveProperty("gen_ai.output.messages");
  });

  it("embedding: embeddings operation with the input text", () => {
    const s = span("embedding");
    expect(s.name).toBe("embeddings text-embedding-3-small");
    expect(s.attributes["gen_ai.operation.name"]).toBe("embeddings");
    expect(JSON.parse(s.attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "Patient reports mild cough." }] },
    ]);
  });

  it("without a session or end user: no conversation id beyond the trace id, no user id", () => {
    const raw = buildRecord({ kind: "chat", keySecret: "k", now: NOW });
    const s = mapRecordToSpan(gatewayRecord.parse({ ...raw, trace_id: undefined }), ctx);
    expect(s.attributes).not.toHaveProperty("gen_ai.conversation.id");
    expect(s.attributes).not.toHaveProperty("user.id");
  });

  it("maps provider names and request parameters per the conventions", () => {
    const s = span("chat", {
      custom_llm_provider: "bedrock",
      model_parameters: {
        n: 3,
        stop: "END",
        response_format: { type: "json_object" },
        max_completion_tokens: 99,
        frequency_penalty: 0.5,
        presence_penalty: -0.5,
        top_k: 40,
      },
    });
    expect(s.attributes).toMatchObject({
      "gen_ai.provider.name": "aws.bedrock",
      "gen_ai.request.choice.count": 3,
      "gen_ai.request.stop_sequences": ["END"],
      "gen_ai.output.type": "json",
      "aptible.request.response_format": '{"type":"json_object"}',
      "gen_ai.request.max_tokens": 99,
      "gen_ai.request.frequency_penalty": 0.5,
      "gen_ai.request.presence_penalty": -0.5,
      "gen_ai.request.top_k": 40,
    });
  });

  it("survives a record of wrong types without throwing", () => {
    const s = mapRecordToSpan(
      gatewayRecord.parse({ startTime: "soon", model: 5, messages: 7, response: "text", metadata: [] }),
      ctx,
    );
    expect(s.attributes["gen_ai.operation.name"]).toBe("chat");
    expect(s.attributes["gen_ai.request.model"]).toBe("5");
  });
});

describe("span ids", () => {
  it("are stable for the same record and differ between records", () => {
    const raw = buildRecord({ kind: "chat", keySecret: "k", now: NOW });
    const a = spanIdentity(gatewayRecord.parse(raw), () => JSON.stringify(raw));
    const b = spanIdentity(gatewayRecord.parse(raw), () => JSON.stringify(raw));
    const other = buildRecord({ kind: "chat", keySecret: "k", now: NOW });
    expect(a).toEqual(b);
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(spanIdentity(gatewayRecord.parse(other), () => JSON.stringify(other)).spanId).not.toBe(a.spanId);
    const anonymous = { model: "gpt-4o" };
    expect(spanIdentity(gatewayRecord.parse(anonymous), () => JSON.stringify(anonymous))).toEqual(
      spanIdentity(gatewayRecord.parse(anonymous), () => JSON.stringify(anonymous)),
    );
  });
});
