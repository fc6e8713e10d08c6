import { createHash, randomUUID } from "node:crypto";

// Realistic AI Gateway log records (LiteLLM StandardLoggingPayload shape) for the
// simulator, the tests and the benchmark. Each kind exercises a part of the span mapping.

export const RECORD_KINDS = ["chat", "streaming", "tool_calls", "cache_hit", "provider_error", "embedding"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type RecordOptions = {
  kind: RecordKind;
  keySecret: string;
  keyAlias?: string;
  sessionId?: string;
  endUser?: string;
  /** Extra prompt text, to reach a target record size. */
  padding?: number;
  now?: number;
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export function buildRecord(o: RecordOptions): Record<string, unknown> {
  const now = o.now ?? Date.now() / 1000;
  const start = now - 1.2;
  const end = now;
  const id =
    o.kind === "cache_hit" ? `chatcmpl-${randomUUID()}_cache_hit${Math.floor(now)}` : `chatcmpl-${randomUUID()}`;
  const filler = o.padding
    ? ` Context: ${"lorem ipsum dolor sit amet ".repeat(Math.ceil(o.padding / 27)).slice(0, o.padding)}`
    : "";
  const messages = [
    { role: "system", content: "You are a clinical documentation assistant. Be concise." },
    {
      role: "user",
      content: `Summarise today's visit for patient 4411: BP 128/82, mild cough, follow-up in 2 weeks.${filler}`,
    },
  ];
  const base: Record<string, unknown> = {
    id,
    trace_id: o.sessionId ?? randomUUID(),
    call_type: "acompletion",
    status: "success",
    custom_llm_provider: "openai",
    model: "gpt-4o",
    model_id: "deploy-gpt4o-east-1",
    model_group: "gpt-4o",
    api_base: "https://api.openai.com/v1",
    stream: false,
    startTime: start,
    endTime: end,
    completionStartTime: end,
    response_time: end - start,
    prompt_tokens: 412,
    completion_tokens: 96,
    total_tokens: 508,
    response_cost: 0.00199,
    cost_breakdown: { input_cost: 0.00103, output_cost: 0.00096, total_cost: 0.00199 },
    cache_hit: false,
    cache_key: null,
    saved_cache_cost: 0,
    messages,
    response: {
      id,
      model: "gpt-4o-2024-08-06",
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          message: { role: "assistant", content: "Visit summary: stable vitals, mild cough; follow-up in 2 weeks." },
        },
      ],
      usage: { prompt_tokens: 412, completion_tokens: 96, total_tokens: 508 },
    },
    model_parameters: { temperature: 0.2, max_tokens: 512, top_p: 0.9, stop: ["\n\nEND"], seed: 7 },
    end_user: o.endUser ?? null,
    request_tags: ["User-Agent: python-httpx/0.27"],
    requester_ip_address: "198.51.100.23",
    user_agent: "python-httpx/0.27",
    metadata: {
      user_api_key_hash: sha256(o.keySecret),
      user_api_key_alias: o.keyAlias ?? null,
      user_api_key_spend: 12.5,
      user_api_key_max_budget: 100,
      user_api_key_budget_reset_at: "2026-12-01T00:00:00Z",
      user_api_key_request_route: "/chat/completions",
      usage_object: {
        prompt_tokens: 412,
        completion_tokens: 96,
        total_tokens: 508,
        prompt_tokens_details: { cached_tokens: 0 },
      },
      ...(o.sessionId ? { litellm_session_id: o.sessionId } : {}),
    },
    hidden_params: {
      litellm_overhead_time_ms: 4.2,
      litellm_model_name: "gpt-4o-2024-08-06",
      additional_headers: {
        x_ratelimit_limit_requests: 10000,
        x_ratelimit_remaining_requests: 9998,
        x_ratelimit_limit_tokens: 2000000,
        x_ratelimit_remaining_tokens: 1999400,
      },
    },
  };
  switch (o.kind) {
    case "chat":
      return base;
    case "streaming":
      return { ...base, stream: true, completionStartTime: start + 0.35, response_time: 0.35 };
    case "tool_calls":
      return {
        ...base,
        model_parameters: {
          ...(base.model_parameters as object),
          tools: [
            {
              type: "function",
              function: {
                name: "lookup_medication",
                description: "Look up a medication by name",
                parameters: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
              },
            },
          ],
          tool_choice: "auto",
        },
        response: {
          id,
          model: "gpt-4o-2024-08-06",
          choices: [
            {
              index: 0,
              finish_reason: "tool_calls",
              message: {
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
            },
          ],
        },
      };
    case "cache_hit":
      return {
        ...base,
        cache_hit: true,
        cache_key: sha256(JSON.stringify(messages)),
        saved_cache_cost: 0.00199,
        response_cost: 0,
        cost_breakdown: { input_cost: 0, output_cost: 0, total_cost: 0 },
        prompt_tokens: 412,
        metadata: {
          ...(base.metadata as object),
          usage_object: {
            prompt_tokens: 412,
            completion_tokens: 96,
            total_tokens: 508,
            prompt_tokens_details: { cached_tokens: 384, cache_creation_tokens: 0 },
          },
        },
      };
    case "provider_error":
      return {
        ...base,
        status: "failure",
        response: null,
        prompt_tokens: 0,
        completion_tokens: 0,
        total_tokens: 0,
        response_cost: 0,
        error_str: "RateLimitError: OpenAIException - Rate limit reached for gpt-4o",
        error_information: {
          error_class: "RateLimitError",
          error_code: "429",
          error_message: "Rate limit reached for gpt-4o",
          llm_provider: "openai",
        },
      };
    case "embedding":
      return {
        ...base,
        call_type: "aembedding",
        model: "text-embedding-3-small",
        model_group: "text-embedding-3-small",
        messages: ["Patient reports mild cough."],
        response: { model: "text-embedding-3-small", data: [{ embedding: [0.01, -0.02] }] },
        prompt_tokens: 6,
        completion_tokens: 0,
        total_tokens: 6,
        response_cost: 0.00000012,
        cost_breakdown: { input_cost: 0.00000012, output_cost: 0, total_cost: 0.00000012 },
        model_parameters: {},
      };
  }
}
