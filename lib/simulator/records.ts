import { createHash, randomUUID } from "node:crypto";
import { prose } from "./prose";

// AI Gateway log records in the exact shape a LiteLLM proxy posts them (its
// StandardLoggingPayload): `end_user` is "" when there is none, a client session travels in
// `metadata.requester_metadata.session_id` and the `x-litellm-session-id` header (and becomes
// `trace_id`; otherwise `trace_id` is a random uuid), `stream` is null unless streamed, and
// non-streaming calls carry `completionStartTime == endTime`. Used by the simulator, the
// tests and the benchmarks; test/fixtures/litellm holds the wider corpus.

export const RECORD_KINDS = [
  "chat",
  "streaming",
  "tool_calls",
  "agent",
  "responses",
  "cache_hit",
  "provider_error",
  "embedding",
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type RecordOptions = {
  kind: RecordKind;
  keySecret: string;
  keyAlias?: string;
  sessionId?: string;
  endUser?: string;
  /** Extra prompt text (prose-like), to reach a target record size. */
  padding?: number;
  now?: number;
  random?: () => number;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const LOOKUP_TOOL = {
  type: "function",
  function: {
    name: "lookup_medication",
    description: "Look up a medication by name",
    parameters: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
  },
};

function usage(prompt: number, completion: number, cached = 0) {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

export function buildRecord(o: RecordOptions): Record<string, unknown> {
  const now = o.now ?? Date.now() / 1000;
  const start = now - 1.2;
  const end = now;
  const id = `chatcmpl-${randomUUID()}`;
  const filler = o.padding ? ` Context: ${prose(o.padding, o.random)}` : "";
  const session = o.sessionId;
  const base: Record<string, unknown> = {
    id,
    trace_id: session ?? randomUUID(),
    call_type: "acompletion",
    stream: null,
    response_cost: 0.00199,
    status: "success",
    status_fields: { llm_api_status: "success", guardrail_status: "not_run" },
    custom_llm_provider: "openai",
    total_tokens: 508,
    prompt_tokens: 412,
    completion_tokens: 96,
    startTime: start,
    endTime: end,
    completionStartTime: end,
    response_time: end - start,
    model: "gpt-4o",
    model_id: "deploy-gpt4o-east-1",
    model_group: "gpt-4o",
    api_base: "https://api.openai.com/v1",
    metadata: {
      user_api_key_hash: sha256(o.keySecret),
      user_api_key_alias: o.keyAlias ?? null,
      user_api_key_spend: 12.5,
      user_api_key_max_budget: 100,
      user_api_key_budget_reset_at: "2026-12-01T00:00:00Z",
      user_api_key_request_route: "/chat/completions",
      requester_ip_address: "198.51.100.23",
      requester_metadata: session ? { session_id: session } : {},
      requester_custom_headers: session ? { "x-litellm-session-id": session } : {},
      applied_guardrails: [],
      usage_object: usage(412, 96),
    },
    cache_hit: null,
    cache_key: null,
    saved_cache_cost: 0,
    request_tags: ["User-Agent: python-httpx", "User-Agent: python-httpx/0.27"],
    end_user: o.endUser ?? "",
    requester_ip_address: "198.51.100.23",
    user_agent: "python-httpx/0.27",
    messages: [
      { role: "system", content: "You are a clinical documentation assistant. Be concise." },
      {
        role: "user",
        content: `Summarise today's visit for patient 4411: BP 128/82, mild cough, follow-up in 2 weeks.${filler}`,
      },
    ],
    response: {
      id,
      model: "gpt-4o-2024-08-06",
      object: "chat.completion",
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          message: { role: "assistant", content: "Visit summary: stable vitals, mild cough; follow-up in 2 weeks." },
        },
      ],
      usage: usage(412, 96),
    },
    error_str: null,
    error_information: { error_code: "", error_class: "", llm_provider: "", traceback: "", error_message: "" },
    model_parameters: { temperature: 0.2, max_tokens: 512, top_p: 0.9, stop: ["\n\nEND"], seed: 7 },
    hidden_params: {
      model_id: "deploy-gpt4o-east-1",
      cache_key: null,
      api_base: "https://api.openai.com/v1",
      response_cost: 0.00199,
      litellm_overhead_time_ms: 4.2,
      litellm_model_name: "gpt-4o",
      additional_headers: {
        x_ratelimit_limit_requests: 10000,
        x_ratelimit_remaining_requests: 9998,
        x_ratelimit_limit_tokens: 2000000,
        x_ratelimit_remaining_tokens: 1999400,
      },
    },
    cost_breakdown: { input_cost: 0.00103, output_cost: 0.00096, total_cost: 0.00199, tool_usage_cost: 0 },
  };
  return KINDS[o.kind](base, { ...o, start, end, id, filler });
}

type Ctx = RecordOptions & { start: number; end: number; id: string; filler: string };
type Builder = (base: Record<string, unknown>, c: Ctx) => Record<string, unknown>;
const meta = (base: Record<string, unknown>) => base.metadata as Record<string, unknown>;

const KINDS: Record<RecordKind, Builder> = {
  chat: (base) => base,
  streaming: (base, c) => ({
    ...base,
    stream: true,
    completionStartTime: c.start + 0.35,
    response_time: 0.35,
    model_parameters: { ...(base.model_parameters as object), stream: true },
  }),
  tool_calls: (base, c) => ({
    ...base,
    messages: [
      { role: "system", content: "You help clinicians look up formulary data." },
      { role: "user", content: `Is lisinopril on the formulary?${c.filler}` },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "lookup_medication", arguments: '{"name":"lisinopril"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"on_formulary": true, "tier": 1}' },
    ],
    model_parameters: { ...(base.model_parameters as object), tools: [LOOKUP_TOOL], tool_choice: "auto" },
    response: {
      id: c.id,
      model: "gpt-4o-2024-08-06",
      object: "chat.completion",
      choices: [
        {
          index: 0,
          finish_reason: "tool_calls",
          message: {
            role: "assistant",
            content: "Yes, tier 1. Checking the maximum dose.",
            tool_calls: [
              {
                id: "call_2",
                type: "function",
                function: { name: "lookup_medication", arguments: '{"name":"lisinopril","field":"max_dose"}' },
              },
            ],
          },
        },
      ],
      usage: usage(412, 96),
    },
  }),
  agent: (base, c) => {
    // Claude Code through /v1/messages: Anthropic blocks in, LiteLLM's chat-shaped response out.
    const file = prose(Math.max(c.padding ?? 0, 2000), c.random);
    return {
      ...base,
      call_type: "anthropic_messages",
      custom_llm_provider: "anthropic",
      model: "claude-sonnet-4-5-20250929",
      model_group: "claude-sonnet-4-5",
      api_base: "https://api.anthropic.com/v1/messages",
      user_agent: "claude-cli/2.0.14 (external, cli)",
      request_tags: ["User-Agent: claude-cli", "User-Agent: claude-cli/2.0.14 (external, cli)"],
      stream: true,
      completionStartTime: c.start + 0.6,
      metadata: {
        ...meta(base),
        user_api_key_request_route: "/v1/messages",
        requester_custom_headers: c.sessionId ? { "x-claude-code-session-id": c.sessionId } : {},
        requester_metadata: {},
        usage_object: { ...usage(9200, 140, 8704), cache_read_input_tokens: 8704, cache_creation_input_tokens: 0 },
      },
      messages: [
        { role: "system", content: "You are Claude Code, Anthropic's official CLI for Claude." },
        { role: "user", content: [{ type: "text", text: "Fix the failing visit-summary test." }] },
        {
          role: "assistant",
          content: [
            { type: "text", text: "I'll read the test first." },
            { type: "tool_use", id: "toolu_01", name: "Read", input: { file_path: "/repo/visits/summary.test.ts" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: file }] },
      ],
      model_parameters: {
        max_tokens: 32000,
        stream: true,
        tools: [
          {
            name: "Read",
            description: "Reads a file from the local filesystem.",
            input_schema: { type: "object", properties: { file_path: { type: "string" } }, required: ["file_path"] },
          },
        ],
      },
      response: {
        id: c.id,
        model: "claude-sonnet-4-5-20250929",
        object: "chat.completion",
        choices: [
          {
            index: 0,
            finish_reason: "tool_calls",
            message: {
              role: "assistant",
              content: "The expectation uses the old date format.",
              tool_calls: [
                {
                  id: "toolu_02",
                  type: "function",
                  function: { name: "Read", arguments: '{"file_path":"/repo/visits/format.ts"}' },
                },
              ],
            },
          },
        ],
      },
      prompt_tokens: 9200,
      completion_tokens: 140,
      total_tokens: 9340,
      response_cost: 0.0061992,
      cost_breakdown: {
        input_cost: 0.001488,
        cache_read_cost: 0.0026112,
        output_cost: 0.0021,
        total_cost: 0.0061992,
        tool_usage_cost: 0,
      },
    };
  },
  responses: (base, c) => ({
    ...base,
    id: `resp_${c.id.slice(9).replace(/-/g, "")}`,
    call_type: "aresponses",
    model: "o4-mini",
    model_group: "o4-mini",
    metadata: { ...meta(base), user_api_key_request_route: "/v1/responses" },
    messages: [
      { role: "user", content: [{ type: "input_text", text: `List three red flags for sepsis.${c.filler}` }] },
    ],
    model_parameters: { instructions: "Answer as a triage nurse educator.", max_output_tokens: 600 },
    response: {
      id: `resp_${c.id.slice(9).replace(/-/g, "")}`,
      object: "response",
      status: "completed",
      model: "o4-mini-2025-04-16",
      output: [
        {
          type: "message",
          role: "assistant",
          content: [{ type: "output_text", text: "- Fast breathing\n- Confusion\n- Low blood pressure" }],
        },
      ],
    },
  }),
  cache_hit: (base, c) => ({
    ...base,
    id: `${c.id}_cache_hit${Math.floor(c.end)}`,
    cache_hit: true,
    cache_key: sha256(JSON.stringify(base.messages)),
    saved_cache_cost: 0.00199,
    response_cost: 0,
    cost_breakdown: null,
    startTime: c.end - 0.01,
    response_time: 0.01,
  }),
  provider_error: (base, c) => ({
    ...base,
    id: randomUUID(),
    status: "failure",
    status_fields: { llm_api_status: "failure", guardrail_status: "not_run" },
    response: {},
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
    response_cost: 0,
    completionStartTime: c.end,
    error_str: "litellm.RateLimitError: RateLimitError: OpenAIException - Rate limit reached for gpt-4o",
    error_information: {
      error_class: "RateLimitError",
      error_code: "429",
      error_message: "litellm.RateLimitError: RateLimitError: OpenAIException - Rate limit reached for gpt-4o",
      llm_provider: "openai",
      traceback: "",
    },
    metadata: { ...meta(base), usage_object: null },
  }),
  embedding: (base, c) => ({
    ...base,
    id: randomUUID(),
    call_type: "aembedding",
    model: "text-embedding-3-small",
    model_group: "text-embedding-3-small",
    metadata: { ...meta(base), user_api_key_request_route: "/embeddings", usage_object: usage(6, 0) },
    messages: [{ role: "user", content: `Patient reports mild cough.${c.filler}` }],
    response: {
      object: "list",
      model: "text-embedding-3-small",
      data: [{ object: "embedding", index: 0, embedding: [0.01, -0.02] }],
    },
    prompt_tokens: 6,
    completion_tokens: 0,
    total_tokens: 6,
    response_cost: 0.00000012,
    cost_breakdown: { input_cost: 0.00000012, output_cost: 0, total_cost: 0.00000012, tool_usage_cost: 0 },
    model_parameters: {},
  }),
};
