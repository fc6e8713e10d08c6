import type { GatewayRecord } from "./gateway-record";
import { inputMessages, outputMessages, toolDefinitions } from "./messages";
import { operationName, providerName } from "./provider-names";

// One gateway record → one OTel span following the GenAI semantic conventions 1.40.0
// (client inference span), plus the attributes Langfuse needs to show it as a generation,
// plus the platform's own `aptible.*` namespace. docs/span-attributes.md lists every
// attribute with its source field; keep the two in step.

export type AttributeValue = string | number | boolean | string[];
export type MappedSpan = {
  traceId: string;
  spanId: string;
  name: string;
  /** Epoch nanoseconds as decimal strings (beyond 2^53). */
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, AttributeValue>;
  status: { code: 0 | 2; message?: string };
};

export type SpanContext = {
  traceId: string;
  spanId: string;
  organizationId: string;
  environmentId: string;
  environmentHandle: string;
  keyAlias: string | null;
  forwardContent: boolean;
  test?: boolean;
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function nanos(seconds: number): string {
  return (BigInt(Math.round(seconds * 1e6)) * 1000n).toString();
}

function hostAndPort(apiBase: string | undefined): { host?: string; port?: number } {
  if (!apiBase) return {};
  try {
    const u = new URL(apiBase);
    return { host: u.hostname, port: u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80 };
  } catch {
    return {};
  }
}

function outputType(responseFormat: unknown): string | undefined {
  const type = isObject(responseFormat) ? responseFormat.type : undefined;
  if (type === "json_object" || type === "json_schema") return "json";
  if (type === "text") return "text";
  return undefined;
}

export function mapRecordToSpan(record: GatewayRecord, ctx: SpanContext): MappedSpan {
  const a: Record<string, AttributeValue | undefined> = {};
  const meta = record.metadata ?? {};
  const hidden = record.hidden_params ?? {};
  const params = record.model_parameters ?? {};
  const usage = isObject(meta.usage_object) ? meta.usage_object : {};
  const promptDetails = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  const response = isObject(record.response) ? record.response : {};
  const op = operationName(record.call_type);
  const start = record.startTime ?? record.endTime ?? Date.now() / 1000;
  const end = Math.max(record.endTime ?? start, start);
  const failed = record.status === "failure";

  // Semantic conventions: operation, provider, model, request parameters.
  a["gen_ai.operation.name"] = op;
  a["gen_ai.provider.name"] = providerName(record.custom_llm_provider);
  a["gen_ai.request.model"] = record.model;
  a["gen_ai.response.model"] = str(response.model) ?? str(hidden.litellm_model_name);
  a["gen_ai.response.id"] = str(response.id);
  a["gen_ai.request.max_tokens"] = num(params.max_tokens) ?? num(params.max_completion_tokens);
  a["gen_ai.request.temperature"] = num(params.temperature);
  a["gen_ai.request.top_p"] = num(params.top_p);
  a["gen_ai.request.top_k"] = num(params.top_k);
  a["gen_ai.request.frequency_penalty"] = num(params.frequency_penalty);
  a["gen_ai.request.presence_penalty"] = num(params.presence_penalty);
  a["gen_ai.request.seed"] = num(params.seed);
  const stop =
    typeof params.stop === "string"
      ? [params.stop]
      : Array.isArray(params.stop)
        ? params.stop.filter((s): s is string => typeof s === "string")
        : undefined;
  a["gen_ai.request.stop_sequences"] = stop && stop.length > 0 ? stop : undefined;
  const n = num(params.n);
  a["gen_ai.request.choice.count"] = n !== undefined && n !== 1 ? n : undefined;
  a["gen_ai.output.type"] = outputType(params.response_format);
  a["aptible.request.response_format"] = isObject(params.response_format)
    ? JSON.stringify(params.response_format)
    : undefined;
  const { host, port } = hostAndPort(record.api_base);
  a["server.address"] = host;
  a["server.port"] = host ? port : undefined;
  a["client.address"] = record.requester_ip_address;
  a["user_agent.original"] = record.user_agent;

  // Usage: input includes cached tokens, as semconv and Langfuse expect.
  const { finishReasons, output } = outputMessages(record.response);
  a["gen_ai.response.finish_reasons"] = finishReasons.length > 0 ? finishReasons : undefined;
  a["gen_ai.usage.input_tokens"] = record.prompt_tokens ?? num(usage.prompt_tokens);
  a["gen_ai.usage.output_tokens"] = record.completion_tokens ?? num(usage.completion_tokens);
  a["gen_ai.usage.cache_read.input_tokens"] = num(promptDetails.cached_tokens) ?? num(usage.cache_read_input_tokens);
  a["gen_ai.usage.cache_creation.input_tokens"] =
    num(promptDetails.cache_creation_tokens) ?? num(usage.cache_creation_input_tokens);
  a["aptible.usage.total_tokens"] = record.total_tokens ?? num(usage.total_tokens);
  a["aptible.usage.reasoning_tokens"] = num(completionDetails.reasoning_tokens);

  // Cost: authoritative for Langfuse (it will not re-price), and in our namespace.
  const breakdown = record.cost_breakdown ?? {};
  const cost = {
    input: num(breakdown.input_cost),
    output: num(breakdown.output_cost),
    cache_read: num(breakdown.cache_read_cost),
    cache_creation: num(breakdown.cache_creation_cost),
    reasoning: num(breakdown.reasoning_cost),
    total: record.response_cost ?? num(breakdown.total_cost),
  };
  a["gen_ai.usage.cost"] = cost.total;
  const details = Object.fromEntries(Object.entries(cost).filter(([, v]) => v !== undefined));
  a["langfuse.observation.cost_details"] = Object.keys(details).length > 0 ? JSON.stringify(details) : undefined;
  a["aptible.cost.total_usd"] = cost.total;
  a["aptible.cost.input_usd"] = cost.input;
  a["aptible.cost.output_usd"] = cost.output;
  a["aptible.cost.cache_read_usd"] = cost.cache_read;
  a["aptible.cost.cache_creation_usd"] = cost.cache_creation;
  a["aptible.cost.reasoning_usd"] = cost.reasoning;

  // Latency and time to first token (streaming only: otherwise it equals the end time).
  a["aptible.latency.total_ms"] = Math.round((end - start) * 1000);
  const firstToken =
    record.stream && record.completionStartTime !== undefined && record.completionStartTime < end
      ? record.completionStartTime
      : undefined;
  a["langfuse.observation.completion_start_time"] =
    firstToken !== undefined ? new Date(firstToken * 1000).toISOString() : undefined;
  a["aptible.latency.time_to_first_token_ms"] =
    firstToken !== undefined ? Math.round((firstToken - start) * 1000) : undefined;
  a["aptible.gateway.overhead_ms"] = num(hidden.litellm_overhead_time_ms);
  a["aptible.request.stream"] = record.stream;

  // Gateway cache.
  a["aptible.cache.hit"] = record.cache_hit;
  a["aptible.cache.key"] = record.cache_key;
  a["aptible.cache.saved_cost_usd"] = record.saved_cache_cost;

  // Provider rate limits and the key's budget.
  const headers = isObject(hidden.additional_headers) ? hidden.additional_headers : {};
  a["aptible.ratelimit.limit_requests"] = num(headers.x_ratelimit_limit_requests);
  a["aptible.ratelimit.limit_tokens"] = num(headers.x_ratelimit_limit_tokens);
  a["aptible.ratelimit.remaining_requests"] = num(headers.x_ratelimit_remaining_requests);
  a["aptible.ratelimit.remaining_tokens"] = num(headers.x_ratelimit_remaining_tokens);
  const spend = num(meta.user_api_key_spend);
  const budget = num(meta.user_api_key_max_budget);
  a["aptible.key.spend_usd"] = spend;
  a["aptible.key.max_budget_usd"] = budget;
  a["aptible.key.remaining_budget_usd"] =
    spend !== undefined && budget !== undefined ? Math.max(budget - spend, 0) : undefined;
  a["aptible.key.budget_reset_at"] = str(meta.user_api_key_budget_reset_at);

  // Identity.
  a["aptible.organization.id"] = ctx.organizationId;
  a["aptible.environment.id"] = ctx.environmentId;
  a["aptible.environment.handle"] = ctx.environmentHandle;
  a["aptible.key.hash"] = str(meta.user_api_key_hash);
  a["aptible.key.alias"] = str(meta.user_api_key_alias) ?? ctx.keyAlias ?? undefined;
  a["aptible.model.id"] = record.model_id;
  a["aptible.model.group"] = record.model_group;
  a["aptible.request.route"] = str(meta.user_api_key_request_route);
  a["aptible.request.id"] = record.id;
  a["aptible.request.call_type"] = record.call_type;
  a["aptible.request.tags"] = record.request_tags && record.request_tags.length > 0 ? record.request_tags : undefined;
  a["langfuse.environment"] = ctx.environmentHandle
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .slice(0, 40);

  // Correlation with the customer's own traces and users.
  a["gen_ai.conversation.id"] =
    str(meta.litellm_session_id) ?? str(meta.session_id) ?? record.session_id ?? record.trace_id;
  a["user.id"] = record.end_user;

  // Errors.
  const errorInfo = record.error_information ?? {};
  const errorMessage = str(errorInfo.error_message) ?? record.error_str;
  if (failed) {
    a["error.type"] = str(errorInfo.error_class) ?? "_OTHER";
    a["aptible.error.code"] =
      str(errorInfo.error_code) ??
      (typeof errorInfo.error_code === "number" ? String(errorInfo.error_code) : undefined);
    a["aptible.error.provider"] = str(errorInfo.llm_provider);
    a["aptible.error.message"] = errorMessage;
  }

  // Content, unless the drain forwards metadata only. JSON strings: Langfuse cannot read maps.
  if (ctx.forwardContent) {
    const { system, input } = inputMessages(record.messages);
    a["gen_ai.input.messages"] = input.length > 0 ? JSON.stringify(input) : undefined;
    a["gen_ai.system_instructions"] = system.length > 0 ? JSON.stringify(system) : undefined;
    a["gen_ai.output.messages"] = output.length > 0 ? JSON.stringify(output) : undefined;
    const tools = toolDefinitions(params.tools);
    a["gen_ai.tool.definitions"] = tools.length > 0 ? JSON.stringify(tools) : undefined;
  }
  a["aptible.content.forwarded"] = ctx.forwardContent;
  if (ctx.test) a["aptible.test"] = true;

  const attributes = Object.fromEntries(
    Object.entries(a).filter((e): e is [string, AttributeValue] => e[1] !== undefined && e[1] !== null),
  );
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    name: record.model ? `${op} ${record.model}` : op,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(end),
    attributes,
    status: failed ? { code: 2, message: (errorMessage ?? "request failed").slice(0, 2000) } : { code: 0 },
  };
}
