import { describe, expect, it } from "vitest";
import { agentRecord, base64ImageRecord, fixture, largePromptRecord } from "@/test/fixtures/litellm";
import { langfuseView } from "@/test/support/langfuse-reading";
import { buildRecord } from "../simulator/records";
import { gatewayRecord } from "./gateway-record";
import { recordTimes } from "./record-times";
import { mapRecordToSpan, type MappedSpan, type SpanContext } from "./span-mapping";
import { langfuseAttributes } from "../destinations/langfuse/span-attributes";
import { spanIdentity } from "./span-ids";
import { testTraceSpan } from "./test-trace";
import { encodeSpanFrame } from "../otlp/span-frame";

// What a Langfuse user sees for real LiteLLM traffic, one behaviour per test. "Shown in
// Langfuse" is derived with test/support/langfuse-reading.ts (Langfuse's ingestion rules).

const ctx: Omit<SpanContext, "times"> = {
  traceId: "0af7651916cd43dd8448eb211c80319c",
  spanId: "b7ad6b7169203331",
  organizationId: "org-1",
  environmentId: "env-1",
  environmentHandle: "acme-production",
  keyAlias: "clinical-notes-api",
  forwardContent: true,
  extras: langfuseAttributes,
};

function map(raw: Record<string, unknown>, overrides: Partial<SpanContext> = {}): MappedSpan {
  const record = gatewayRecord.parse(raw);
  const times = recordTimes(record);
  if ("error" in times) throw new Error(times.error);
  return mapRecordToSpan(record, { ...ctx, times, ...overrides });
}
const view = (raw: Record<string, unknown>, overrides: Partial<SpanContext> = {}) => langfuseView(map(raw, overrides));
const withRequester = (name: string, requester: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const r = fixture(name);
  const meta = r.metadata as Record<string, unknown>;
  meta.requester_metadata = requester;
  meta.requester_custom_headers = headers;
  return r;
};

describe("1. sessions: only the client's own", () => {
  it("a request without a session belongs to none, whatever LiteLLM's random trace_id", () => {
    const r = fixture("openai-chat");
    expect(r.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(map(r).attributes).not.toHaveProperty("gen_ai.conversation.id");
    expect(view(r).sessionId).toBeUndefined();
  });

  it.each([
    ["request metadata session_id", withRequester("openai-chat", { session_id: "visit-9" })],
    ["the x-litellm-session-id header", withRequester("openai-chat", {}, { "X-LiteLLM-Session-Id": "visit-9" })],
    [
      "a vendor session header (Claude Code)",
      withRequester("openai-chat", {}, { "x-claude-code-session-id": "visit-9" }),
    ],
  ])("%s becomes the Langfuse session", (_how, r) => {
    expect(map(r).attributes["gen_ai.conversation.id"]).toBe("visit-9");
    expect(view(r).sessionId).toBe("visit-9");
  });

  it("a session LiteLLM carries only as trace_id (the litellm_session_id parameter) is the session", () => {
    expect(view(fixture("session-in-trace-id")).sessionId).toBe("support-chat-8841");
    // An explicit session wins over it.
    const r = withRequester("session-in-trace-id", { session_id: "visit-9" });
    expect(view(r).sessionId).toBe("visit-9");
  });

  it("Claude Code's user id is one user with a session per run, not a new user per session", () => {
    const v = view(fixture("claude-code-open-source-litellm"));
    expect(v.sessionId).toBe("0f3e9b2a-7c41-4d8e-9a6b-5c2d1e0f9a8b");
    expect(v.userId).toMatch(/^user_[0-9a-f]{64}_account_6a1e2f3c-4b5d-4e6f-8a7b-9c0d1e2f3a4b$/);
    // Another request of the same user in another session: same user, other session.
    const next = fixture("claude-code-open-source-litellm");
    next.end_user = String(next.end_user).replace(/_session_.*$/, "_session_1d2c3b4a-5f6e-4d7c-8b9a-0e1f2a3b4c5d");
    expect(view(next)).toMatchObject({ userId: v.userId, sessionId: "1d2c3b4a-5f6e-4d7c-8b9a-0e1f2a3b4c5d" });
  });

  it("Claude Code's session is found in its metadata when the deployment names the end user by header", () => {
    const r = fixture("claude-code-open-source-litellm");
    r.end_user = "cardiology-dept";
    expect(view(r)).toMatchObject({ userId: "cardiology-dept", sessionId: "0f3e9b2a-7c41-4d8e-9a6b-5c2d1e0f9a8b" });
  });

  it("trace name, generation name, trace user, tags and custom trace metadata follow LiteLLM's Langfuse conventions", () => {
    const v = view(fixture("client-session-metadata"));
    expect(v).toMatchObject({
      sessionId: "visit-2026-11-27-room-4",
      traceName: "discharge-summary",
      name: "draft-summary",
      userId: "dr-okafor",
      traceMetadata: { ward: "4B", shift: "night", encounter_type: "inpatient" },
    });
    expect(v.tags).toEqual(["discharge", "cardiology", "User-Agent: OpenAI", "User-Agent: OpenAI/Python 1.54.3"]);
  });
});

describe("2. empty values are omitted", () => {
  it("end_user, model_id, model_group and api_base written as empty strings", () => {
    const s = map(fixture("nulls-and-empty"));
    for (const key of ["user.id", "aptible.model.id", "aptible.model.group", "server.address", "client.address"]) {
      expect(s.attributes).not.toHaveProperty(key);
    }
    expect(view(fixture("openai-chat")).userId).toBeUndefined();
  });
});

describe("3. tool calls render as a conversation and are indexed", () => {
  it("an OpenAI tool loop: assistant tool calls and tool results are chat messages, the calls indexed", () => {
    const v = view(fixture("openai-tool-results"));
    const input = v.input as { messages: Record<string, unknown>[]; tools: unknown[] };
    expect(input.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool"]);
    expect(input.messages[2]!.tool_calls).toEqual([
      {
        id: "call_q1Z9fA7dTj2L",
        type: "function",
        function: { name: "formulary_lookup", arguments: '{"drug":"lisinopril"}' },
      },
      {
        id: "call_8uPqW3xR0sKe",
        type: "function",
        function: { name: "dose_limits", arguments: '{"drug":"lisinopril","route":"oral"}' },
      },
    ]);
    expect(input.messages[3]).toEqual({
      role: "tool",
      tool_call_id: "call_q1Z9fA7dTj2L",
      content: '{"on_formulary": true, "tier": 1}',
    });
    expect(v.toolDefinitions).toEqual(["formulary_lookup", "dose_limits"]);
  });

  it("the legacy function-calling API: the call and its result pair up by the function's name", () => {
    const r = fixture("openai-chat");
    r.messages = [
      { role: "user", content: "What is the weather in Lyon?" },
      { role: "assistant", content: null, function_call: { name: "get_weather", arguments: '{"city":"Lyon"}' } },
      { role: "function", name: "get_weather", content: '{"celsius":14}' },
    ];
    type Message = { role: string; tool_calls?: { id: string }[]; tool_call_id?: string };
    const { messages } = view(r).input as { messages: Message[] };
    const call = messages.find((m) => m.role === "assistant")?.tool_calls?.[0];
    const result = messages.find((m) => m.role === "tool");
    expect(call?.id).toBe("get_weather");
    expect(result?.tool_call_id).toBe(call?.id);
  });

  it("the model's own tool calls are what Langfuse counts", () => {
    expect(view(fixture("openai-tool-calls")).toolCallNames).toEqual(["formulary_lookup", "dose_limits"]);
    expect(view(fixture("anthropic-messages-tools")).toolCallNames).toEqual(["Read"]);
    expect(view(fixture("responses-api-tool-loop")).toolCallNames).toEqual(["book_slot"]);
  });

  it("the semconv attributes stay for other OpenTelemetry consumers", () => {
    const s = map(fixture("openai-tool-calls"));
    expect(JSON.parse(s.attributes["gen_ai.output.messages"] as string)).toEqual([
      {
        role: "assistant",
        parts: [
          { type: "tool_call", id: "call_q1Z9fA7dTj2L", name: "formulary_lookup", arguments: { drug: "lisinopril" } },
          {
            type: "tool_call",
            id: "call_8uPqW3xR0sKe",
            name: "dose_limits",
            arguments: { drug: "lisinopril", route: "oral" },
          },
        ],
        finish_reason: "tool_call",
      },
    ]);
    expect(s.attributes["gen_ai.response.finish_reasons"]).toEqual(["tool_calls"]);
  });
});

describe("4. Anthropic and Responses API content as semconv parts", () => {
  it("/v1/messages: tool_use, tool_result and images become tool_call, tool_call_response and blob/uri parts", () => {
    const input = JSON.parse(map(fixture("anthropic-messages-tools")).attributes["gen_ai.input.messages"] as string);
    expect(input[1]).toEqual({
      role: "assistant",
      parts: [
        { type: "text", content: "I'll run the billing tests first." },
        {
          type: "tool_call",
          id: "toolu_01A7bQk2Zr9Xc",
          name: "Bash",
          arguments: { command: "npm test -- billing", description: "Run billing tests" },
        },
      ],
    });
    expect(input[2]).toEqual({
      role: "tool",
      parts: [
        {
          type: "tool_call_response",
          id: "toolu_01A7bQk2Zr9Xc",
          response: "FAIL billing/invoice.test.ts\n  expected 120.5 to equal 120.50",
        },
      ],
    });
    const image = JSON.parse(
      map(fixture("anthropic-messages-image-thinking")).attributes["gen_ai.input.messages"] as string,
    );
    expect(image[0].parts).toEqual([
      { type: "blob", modality: "image", mime_type: "image/png", content: "[image/png data, 2.0 KB, not forwarded]" },
      { type: "uri", modality: "image", uri: "https://files.acme-health.example/wound-photo-2.jpg" },
      { type: "text", content: "Describe the wound in the first photo for the chart." },
    ]);
  });

  it("Anthropic tool definitions keep their input_schema as parameters", () => {
    const tools = JSON.parse(map(fixture("anthropic-messages-tools")).attributes["gen_ai.tool.definitions"] as string);
    expect(tools[1]).toEqual({
      type: "function",
      name: "Read",
      description: "Reads a file from the local filesystem.",
      parameters: { type: "object", properties: { file_path: { type: "string" } }, required: ["file_path"] },
    });
  });

  it("a tool that failed (Anthropic's is_error) reads as an error, in the semconv part and in Langfuse's chat", () => {
    const r = fixture("anthropic-messages-tools");
    const result = (r.messages as { content: { type: string; is_error?: boolean }[] }[])[3]!.content[0]!;
    expect(result.type).toBe("tool_result");
    type Chat = { messages: { role: string; content: string }[] };
    const toolMessage = (record: Record<string, unknown>) =>
      (JSON.parse(map(record).attributes["langfuse.observation.input"] as string) as Chat).messages
        .filter((m) => m.role === "tool")
        .map((m) => m.content);
    expect(toolMessage(r)[0]).toMatch(/^FAIL billing/);
    result.is_error = true;
    expect(toolMessage(r)[0]).toMatch(/^\[tool error\] FAIL billing/);
    expect(map(r).attributes["gen_ai.input.messages"]).toContain('"is_error":true');
  });

  it("Responses API: instructions are the system instruction, input_text is text, output[] is the output", () => {
    const s = map(fixture("responses-api"));
    expect(JSON.parse(s.attributes["gen_ai.system_instructions"] as string)).toEqual([
      { type: "text", content: "Answer as a triage nurse educator. Use short bullet points." },
    ]);
    expect(JSON.parse(s.attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "List three red flags for sepsis in an adult." }] },
    ]);
    expect(JSON.parse(s.attributes["gen_ai.output.messages"] as string)).toEqual([
      {
        role: "assistant",
        parts: [
          { type: "reasoning", content: "Recall qSOFA criteria." },
          { type: "text", content: "- Respiratory rate >= 22/min\n- Altered mentation\n- Systolic BP <= 100 mmHg" },
        ],
        finish_reason: "stop",
      },
    ]);
    expect(s.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
  });

  it("Responses API tool loop: function_call_output is a tool result, not an empty message", () => {
    const input = JSON.parse(map(fixture("responses-api-tool-loop")).attributes["gen_ai.input.messages"] as string);
    expect(input[2]).toEqual({
      role: "tool",
      parts: [
        {
          type: "tool_call_response",
          id: "call_slots_01",
          response: '[{"slot":"2026-12-02T09:00","doctor":"Dr. Ruiz"}]',
        },
      ],
    });
  });
});

describe("4b. Responses API chains", () => {
  it("a request continuing an earlier response names it, so the chain can be followed", () => {
    const continuing = fixture("responses-api-tool-loop");
    (continuing.model_parameters as Record<string, unknown>).previous_response_id = "resp_68a0c1f2";
    expect(map(continuing).attributes["aptible.request.previous_response_id"]).toBe("resp_68a0c1f2");
    expect(map(fixture("responses-api-tool-loop")).attributes).not.toHaveProperty(
      "aptible.request.previous_response_id",
    );
  });
});

describe("5. call types", () => {
  it.each([
    ["openai-chat", "chat", "GENERATION"],
    ["anthropic-messages-tools", "chat", "GENERATION"],
    ["responses-api", "chat", "GENERATION"],
    ["text-completion", "text_completion", "GENERATION"],
    ["embedding", "embeddings", "EMBEDDING"],
    ["image-generation", "generate_content", "GENERATION"],
    ["transcription", "generate_content", "GENERATION"],
    ["speech", "generate_content", "GENERATION"],
    ["rerank", "retrieval", "GENERATION"],
    ["moderation", "moderation", "GENERATION"],
  ])("%s is %s, a Langfuse %s", (name, operation, type) => {
    expect(map(fixture(name)).attributes["gen_ai.operation.name"]).toBe(operation);
    expect(view(fixture(name)).type).toBe(type);
  });

  it("embeddings show their input text only: no chat bubble, no null answer", () => {
    const v = view(fixture("embedding"));
    expect(v.input).toEqual({ input: ["chest pain radiating to left arm", "shortness of breath on exertion"] });
    expect(v.output).toBeUndefined();
  });

  it("image generation, text completion and rerank read as prompt and result", () => {
    expect(view(fixture("image-generation")).output).toEqual({
      role: "assistant",
      content: "[image/png data, 3.7 KB, not forwarded]",
    });
    expect(map(fixture("image-generation")).attributes["gen_ai.output.type"]).toBe("image");
    expect(view(fixture("text-completion"))).toMatchObject({
      input: "Expand the abbreviation used in triage notes: SOB =",
      output: " shortness of breath",
    });
    expect(view(fixture("rerank"))).toMatchObject({
      input: { query: "contraindications for beta blockers" },
      output: [
        { index: 2, relevance_score: 0.91 },
        { index: 0, relevance_score: 0.42 },
      ],
    });
  });
});

describe("6. cost from one source, keyed like usage", () => {
  it("a failed request costs its response_cost: a stale breakdown is not itemised", () => {
    const v = view(fixture("failure-rate-limit"));
    expect(v.cost).toEqual({ total: 0 });
  });

  it("items add up to the total and use Langfuse's usage keys", () => {
    const v = view(fixture("anthropic-prompt-cache"));
    expect(Object.keys(v.cost).sort()).toEqual([
      "input",
      "input_cache_creation",
      "input_cached_tokens",
      "output",
      "total",
    ]);
    const items = Object.entries(v.cost).filter(([k]) => k !== "total");
    expect(items.reduce((sum, [, usd]) => sum + usd, 0)).toBeCloseTo(v.cost.total!, 12);
    for (const key of Object.keys(v.cost)) if (key !== "total") expect(v.usage).toHaveProperty(key);
  });

  it("a model the gateway could not price sends no cost, so Langfuse can price it", () => {
    const r = fixture("unpriced-model");
    expect(r.response_cost).toBe(0);
    expect(view(r).cost).toEqual({});
    expect(map(r).attributes).not.toHaveProperty("gen_ai.usage.cost");
    expect(map(r).attributes).not.toHaveProperty("aptible.cost.total_usd");
    // The same call priced at 0 on purpose (a free model) keeps its cost.
    r.response_cost_failure_debug_info = null;
    expect(view(r).cost).toEqual({ total: 0 });
  });

  it("LiteLLM's own breakdown (cache tokens inside input_cost) is sent as the total only", () => {
    const r = fixture("claude-code-open-source-litellm");
    const v = view(r);
    expect(v.usage).toMatchObject({ input_cached_tokens: 17800, input_cache_creation: 512 });
    expect(v.cost).toEqual({ total: r.response_cost });
  });
});

describe("7. reasoning tokens", () => {
  it("reach Langfuse as output_reasoning_tokens, not as plain output", () => {
    const v = view(fixture("reasoning-tokens"));
    expect(v.usage).toMatchObject({ output: 300, output_reasoning_tokens: 1200 });
    expect(map(fixture("reasoning-tokens")).attributes["gen_ai.usage.output_tokens"]).toBe(1500);
  });

  it("cache reads and writes are input_cached_tokens and input_cache_creation, counted once in the total", () => {
    expect(view(fixture("anthropic-prompt-cache")).usage).toEqual({
      input: 124,
      output: 180,
      input_cached_tokens: 4096,
      input_cache_creation: 900,
      total: 5300,
    });
  });
});

describe("8. metadata-only drains", () => {
  it("send no error text, IP address or end user: the error class and code only", () => {
    const s = map(fixture("failure-context-window"), { forwardContent: false });
    expect(s.status).toEqual({ code: 2, message: "ContextWindowExceededError (400)" });
    expect(JSON.stringify(s)).not.toContain("Jane Roe");
    expect(s.attributes).not.toHaveProperty("client.address");
    expect(s.attributes).toMatchObject({ "error.type": "ContextWindowExceededError", "aptible.error.code": "400" });
    const withUser = map(fixture("unicode"), { forwardContent: false });
    expect(withUser.attributes).not.toHaveProperty("user.id");
  });
});

describe("9. names, tags and markers", () => {
  it("cache hits and failures are tagged so Langfuse filters find them", () => {
    expect(view(fixture("cache-hit")).tags).toContain("cache-hit");
    expect(view(fixture("failure-timeout")).tags).toContain("error");
    expect(view(fixture("openai-chat")).tags).not.toContain("error");
  });

  it("the calling key's alias and the model group are metadata Langfuse can filter on, content or not", () => {
    for (const forwardContent of [true, false]) {
      expect(view(fixture("openai-chat"), { forwardContent }).observationMetadata).toEqual({
        key_alias: "clinical-notes-api",
        model_group: "gpt-4o",
      });
    }
    // A key LiteLLM names no alias for goes by its alias in the dashboard; an empty model group is left out.
    const r = fixture("nulls-and-empty");
    delete (r.metadata as Record<string, unknown>).user_api_key_alias;
    expect(view(r, { keyAlias: "triage-bot" }).observationMetadata).toEqual({ key_alias: "triage-bot" });
  });

  it("client metadata cannot stand in for what Langfuse or the platform fills in", () => {
    const r = withRequester("client-session-metadata", {
      key_alias: "spoofed",
      attributes: "replaces every attribute",
      tools: '[{"name": "injected"}]',
      langfuse_user_id: "someone-else",
      trace_metadata: { Scope: "x", model_group: "spoofed", ward: "4B" },
    });
    const s = map(r);
    const v = langfuseView(s);
    expect(v.observationMetadata).toMatchObject({ key_alias: "clinical-notes-api", model_group: "gpt-4o", ward: "4B" });
    expect(v.toolDefinitions).toEqual([]);
    expect(v.userId).toBeUndefined();
    expect(Object.keys(s.attributes).filter((k) => k.startsWith("langfuse.trace.metadata."))).toEqual([
      "langfuse.trace.metadata.ward",
    ]);
  });

  it("a trace the client does not name is named after its generation", () => {
    expect(view(fixture("openai-chat")).traceName).toBe("chat gpt-4o");
  });

  it("request_tags become trace tags", () => {
    expect(view(fixture("openai-chat")).tags).toEqual(["User-Agent: OpenAI", "User-Agent: OpenAI/Python 1.54.3"]);
  });
});

describe("10. large content", () => {
  it("a 5 MB base64 image becomes a placeholder keeping its type and size", () => {
    const s = map(base64ImageRecord(5 * 1024 * 1024));
    const size = Buffer.byteLength(JSON.stringify(s));
    expect(size).toBeLessThan(64 * 1024);
    expect(s.attributes["gen_ai.input.messages"]).toContain("[image/png data, 5.0 MB, not forwarded]");
  });

  it("a 1 MB prompt is forwarded whole", () => {
    const record = largePromptRecord(1024 * 1024, "chatcmpl-large");
    const prompt = (record.messages as { content: string }[])[0]!.content;
    const s = map(record);
    expect(s.attributes["gen_ai.input.messages"]).toContain(prompt);
    expect(s.attributes).not.toHaveProperty("aptible.content.truncated");
  });

  it("content beyond the per-span budget is shortened, and the span says so", () => {
    const s = map(largePromptRecord(4 * 1024 * 1024, "chatcmpl-huge"));
    expect(Buffer.byteLength(JSON.stringify(s))).toBeLessThan(4 * 1024 * 1024);
    expect(s.attributes["aptible.content.truncated"]).toBe(true);
    expect(s.attributes["gen_ai.input.messages"]).toMatch(/characters not forwarded\]/);
  });

  // The budget counts bytes on the wire: 1.4 million characters of Japanese are 4.2 MB of UTF-8
  // per rendering, and control characters are escaped as six bytes each.
  const JAPANESE = ["患者は", "胸痛を", "訴えて", "います。", "血圧", "一三〇", "の", "八〇", "経過観察", "処方"];
  const japanese = (chars: number) => {
    const words: string[] = [];
    for (let n = 0, i = 0; n < chars; i++) {
      const w = JAPANESE[(i * 7 + (i >> 3)) % JAPANESE.length]!;
      words.push(w);
      n += w.length;
    }
    return words.join("");
  };
  const withPrompt = (content: string) => {
    const r = fixture("openai-chat");
    r.messages = [{ role: "user", content }];
    return r;
  };
  it.each([
    ["1.4 million characters of Japanese", japanese(1_400_000)],
    ["a million control characters", "\u0001\u0002\u001f".repeat(333_334)],
    ["700,000 emoji", "🩺💊".repeat(350_000)],
  ])("%s are shortened to a span an export request takes", (_, content) => {
    const s = map(withPrompt(content));
    expect(encodeSpanFrame(s).length).toBeLessThan(4 * 1024 * 1024);
    expect(s.attributes["aptible.content.truncated"]).toBe(true);
    const kept = JSON.parse(s.attributes["gen_ai.input.messages"] as string)[0].parts[0].content as string;
    expect(kept).toMatch(/… \[\d+ characters not forwarded\]$/);
    expect(kept.length).toBeGreaterThan(100_000);
    // Never half of a surrogate pair.
    expect(kept).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("a 45 KB agent record maps to one readable span", () => {
    const r = agentRecord(45_000, "chatcmpl-agent");
    expect(Buffer.byteLength(JSON.stringify(r))).toBeGreaterThan(40_000);
    const v = view(r);
    expect(v.toolCallNames).toEqual(["Read"]);
    expect((v.input as { messages: unknown[] }).messages.length).toBeGreaterThan(6);
  });
});

describe("11. string timestamps", () => {
  it("Python and ISO 8601 strings place the span at its real time", () => {
    const s = map(fixture("iso-string-times"));
    expect(s.startTimeUnixNano).toBe("1795771246847371000");
    expect(s.endTimeUnixNano).toBe("1795771248102000000");
  });
});

describe("12. Send test trace", () => {
  it("carries no invented content, zero usage and cost, no session, and the test tag", () => {
    const s = testTraceSpan({ ...ctx, forwardContent: true });
    const v = langfuseView(s);
    expect(v.input).toBeUndefined();
    expect(v.output).toBeUndefined();
    expect(v.usage).toEqual({ input: 0, output: 0, total: 0 });
    expect(v.cost).toEqual({ total: 0 });
    expect(v.sessionId).toBeUndefined();
    expect(v.tags).toEqual(["test"]);
    expect(s.attributes["aptible.test"]).toBe(true);
  });
});

describe("14. requested and resolved model", () => {
  it("the request model is what the client asked for; the response model what served it", () => {
    const s = map(fixture("azure-router-deployment"));
    expect(s.attributes["gen_ai.request.model"]).toBe("gpt-4o");
    expect(s.attributes["gen_ai.response.model"]).toBe("gpt-4o-2024-11-20");
    expect(s.attributes["aptible.model.deployment"]).toBe("azure/gpt-4o-prod-eastus2");
    expect(s.name).toBe("chat gpt-4o");
  });

  it("a failed request has no response model: Langfuse shows the model asked for, not the deployment", () => {
    const r = fixture("failure-timeout");
    r.model = "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    r.model_group = "claude-sonnet";
    r.hidden_params = { ...(r.hidden_params as object), litellm_model_name: r.model };
    expect(map(r).attributes).not.toHaveProperty("gen_ai.response.model");
    expect(view(r).model).toBe("claude-sonnet");
  });
});

describe("15. shapes of real traffic found in review", () => {
  const device = "80b2f897e93e81f769edd02733c0f3e41ecf29e43d76d10a263c67b726b1fe67";
  const claudeCode = (userId: string) => {
    const r = fixture("claude-code-open-source-litellm");
    r.end_user = userId;
    (r.metadata as Record<string, unknown>).requester_metadata = { user_id: userId };
    return r;
  };

  it("Claude Code 2.1.78+ (user id as JSON): its session, and the same user as in the older format", () => {
    const account = "6a1e2f3c-4b5d-4e6f-8a7b-9c0d1e2f3a4b";
    const json = JSON.stringify({
      device_id: device,
      account_uuid: account,
      session_id: "2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d",
    });
    const older = view(claudeCode(`user_${device}_account_${account}_session_0f3e9b2a-7c41-4d8e-9a6b-5c2d1e0f9a8b`));
    expect(view(claudeCode(json))).toMatchObject({
      sessionId: "2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d",
      userId: older.userId,
    });
    expect(older.userId).toBe(`user_${device}_account_${account}`);
  });

  it("Claude Code signed in with an API key (empty account): the user is its device", () => {
    const sessionId = "2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d";
    const json = JSON.stringify({ device_id: device, account_uuid: "", session_id: sessionId });
    for (const id of [json, `user_${device}_account__session_${sessionId}`]) {
      expect(view(claudeCode(id))).toMatchObject({ sessionId, userId: `user_${device}` });
    }
  });

  it("a JSON end user that is not Claude Code's is kept as sent", () => {
    const r = claudeCode('{"team":"cardiology"}');
    expect(view(r)).toMatchObject({ userId: '{"team":"cardiology"}' });
  });

  it("Gemini tools as LiteLLM logs them (function_declarations, built-in tools) are the tools list", () => {
    const r = fixture("openai-chat");
    r.custom_llm_provider = "gemini";
    r.model_parameters = {
      tools: [
        {
          function_declarations: [{ name: "get_weather", description: "Weather now", parameters: { type: "object" } }],
        },
        { googleSearch: {} },
      ],
    };
    expect(view(r).toolDefinitions).toEqual(["get_weather", "googleSearch"]);
    const definitions = JSON.parse(String(map(r).attributes["gen_ai.tool.definitions"]));
    expect(definitions[0]).toEqual({
      type: "function",
      name: "get_weather",
      description: "Weather now",
      parameters: { type: "object" },
    });
  });

  it("Anthropic's stop_sequences are the stop sequences", () => {
    const r = fixture("anthropic-messages-tools");
    (r.model_parameters as Record<string, unknown>).stop_sequences = ["</answer>"];
    expect(map(r).attributes["gen_ai.request.stop_sequences"]).toEqual(["</answer>"]);
    expect(view(r).modelParameters.stop_sequences).toBe('["</answer>"]');
  });

  it("Responses API cached and reasoning tokens found only in the response's usage still reach Langfuse", () => {
    const r = fixture("responses-api");
    (r.metadata as Record<string, unknown>).usage_object = {
      prompt_tokens: 100,
      completion_tokens: 300,
      total_tokens: 400,
    };
    r.prompt_tokens = 100;
    r.completion_tokens = 300;
    (r.response as Record<string, unknown>).usage = {
      input_tokens: 100,
      output_tokens: 300,
      total_tokens: 400,
      input_tokens_details: { cached_tokens: 64 },
      output_tokens_details: { reasoning_tokens: 256 },
    };
    expect(view(r).usage).toMatchObject({
      input: 36,
      input_cached_tokens: 64,
      output: 44,
      output_reasoning_tokens: 256,
    });
  });

  it("cache creation left out of prompt_tokens (some LiteLLM versions) does not zero the input", () => {
    const r = fixture("anthropic-prompt-cache");
    const usage = (r.metadata as { usage_object: Record<string, unknown> }).usage_object;
    const details = usage.prompt_tokens_details as Record<string, number>;
    // 124 plain + 4,096 read, without the 900 written to the cache.
    r.prompt_tokens = usage.prompt_tokens = 124 + details.cached_tokens!;
    expect(view(r).usage).toMatchObject({ input: 124, input_cached_tokens: 4096, input_cache_creation: 900 });
  });

  it("a refusal is the answer, not an empty output", () => {
    const r = fixture("openai-chat");
    const choice = (r.response as { choices: Record<string, unknown>[] }).choices[0]!;
    choice.message = { role: "assistant", content: null, refusal: "I can't help with that." };
    expect(view(r).output).toMatchObject({ role: "assistant", content: "I can't help with that." });
  });

  it("a spoken answer shows its transcript; the audio is not forwarded", () => {
    const r = fixture("openai-chat");
    const choice = (r.response as { choices: Record<string, unknown>[] }).choices[0]!;
    choice.message = {
      role: "assistant",
      content: null,
      audio: { id: "audio_1", data: "UklGRg==", transcript: "Hi there." },
    };
    expect(view(r).output).toMatchObject({ content: "Hi there.\n[audio data, not forwarded]" });
    expect(JSON.stringify(map(r).attributes)).not.toContain("UklGRg==");
  });

  it("a system message sent between turns stays in its place; only leading ones are the instructions", () => {
    const r = fixture("openai-chat");
    r.messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "First question" },
      { role: "assistant", content: "First answer" },
      { role: "system", content: "The user is now a clinician." },
      { role: "user", content: "Second question" },
    ];
    const a = map(r).attributes;
    expect(JSON.parse(String(a["gen_ai.system_instructions"]))).toEqual([{ type: "text", content: "Be brief." }]);
    expect(JSON.parse(String(a["gen_ai.input.messages"])).map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "system",
      "user",
    ]);
    const input = view(r).input as { messages: { role: string; content: string }[] };
    expect(input.messages.map((m) => `${m.role}: ${m.content}`)).toEqual([
      "system: Be brief.",
      "user: First question",
      "assistant: First answer",
      "system: The user is now a clinician.",
      "user: Second question",
    ]);
  });

  it.each([["default-message-value"], [[{ role: "user", content: "default-message-value" }]]])(
    "LiteLLM's placeholder for a call without input (%j) is no input",
    (messages) => {
      const r = fixture("openai-chat");
      r.messages = messages;
      expect(map(r).attributes).not.toHaveProperty("gen_ai.input.messages");
      expect(JSON.stringify(view(r).input ?? null)).not.toContain("default-message-value");
    },
  );

  it.each([
    ["text-completion-openai", "openai"],
    ["anthropic_text", "anthropic"],
    ["codestral", "mistral_ai"],
    ["watsonx_text", "ibm.watsonx.ai"],
  ])("LiteLLM's provider %s is %s", (litellm, semconv) => {
    const r = fixture("openai-chat");
    r.custom_llm_provider = litellm;
    expect(map(r).attributes["gen_ai.provider.name"]).toBe(semconv);
  });
});

describe("simulator records", () => {
  it("map without error, in every kind", () => {
    for (const kind of ["chat", "agent", "responses", "embedding"] as const) {
      const v = view(buildRecord({ kind, keySecret: "k", sessionId: "s-1" }));
      expect(v.sessionId).toBe("s-1");
    }
  });

  it("survive a record of wrong types without throwing", () => {
    const s = map({ model: 5, messages: 7, response: "text", metadata: [], end_user: {}, request_tags: "x" });
    expect(s.attributes["gen_ai.operation.name"]).toBe("chat");
    expect(s.attributes["gen_ai.request.model"]).toBe("5");
  });
});

describe("span ids", () => {
  it("are stable for the same record and differ between records", () => {
    const raw = buildRecord({ kind: "chat", keySecret: "k", now: 1764000000 });
    const a = spanIdentity(gatewayRecord.parse(raw), () => JSON.stringify(raw));
    const b = spanIdentity(gatewayRecord.parse(raw), () => JSON.stringify(raw));
    const other = buildRecord({ kind: "chat", keySecret: "k", now: 1764000000 });
    expect(a).toEqual(b);
    expect(a.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(spanIdentity(gatewayRecord.parse(other), () => JSON.stringify(other)).spanId).not.toBe(a.spanId);
  });

  it("put the requests of a trace the client named in one trace, per environment", () => {
    const named = (id: string, key: "trace_id" | "existing_trace_id" = "trace_id") => {
      const raw = buildRecord({ kind: "chat", keySecret: "k", now: 1764000000 });
      const metadata = raw.metadata as Record<string, unknown>;
      metadata.requester_metadata = { [key]: id };
      return gatewayRecord.parse(raw);
    };
    const first = spanIdentity(named("checkout-flow-42"), () => "", "env-a");
    const second = spanIdentity(named("checkout-flow-42", "existing_trace_id"), () => "", "env-a");
    expect(second.traceId).toBe(first.traceId);
    expect(second.spanId).not.toBe(first.spanId);
    expect(spanIdentity(named("checkout-flow-42"), () => "", "env-b").traceId).not.toBe(first.traceId);
    expect(spanIdentity(named("checkout-flow-43"), () => "", "env-a").traceId).not.toBe(first.traceId);
    const unnamed = buildRecord({ kind: "chat", keySecret: "k", now: 1764000000 });
    const alone = spanIdentity(gatewayRecord.parse(unnamed), () => "", "env-a");
    expect(alone.traceId).not.toBe(first.traceId);
    expect(alone.traceId).toBe(spanIdentity(gatewayRecord.parse(unnamed), () => "", "env-a").traceId);
  });
});
