import type { GatewayRecord } from "./gateway-record";
import { clientMetadata, type ClientMetadata } from "./client-metadata";
import { requestContent, type RequestContent } from "./content/request-content";
import { isObject, nonEmptyString } from "./content/parts";
import { operationKind, operationName, OUTPUT_TYPE } from "./operations";
import { providerName } from "./provider-names";
import type { RecordTimes } from "./record-times";
import { costOf, usageOf, type Cost } from "./usage-cost";

// One gateway record → one OTel span following the GenAI semantic conventions 1.40.0
// (client inference span) and the platform's own `aptible.*` namespace, plus whatever the
// drain's destination adds (`ctx.extras`, e.g. Langfuse's `langfuse.*`). docs/span-attributes.md
// lists every attribute with its source field and how Langfuse shows it; keep the two in step.
//
// A drain that forwards metadata only gets no content and no free text or personal
// identifier: no prompts, completions, tool definitions or arguments, error messages
// (only the error class and code), caller IP, user ids or client-supplied metadata.

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
  times: RecordTimes;
  test?: boolean;
  /** Attributes the drain's destination adds to the semconv span (lib/destinations/<type>/). */
  extras?: SpanExtras;
};

/** What a destination may read to add its own attributes. */
export type SpanExtrasInput = {
  record: GatewayRecord;
  /** The span's conventions and platform attributes, as mapped before the destination's. */
  attributes: Readonly<Record<string, AttributeValue | undefined>>;
  ctx: SpanContext;
  client: ClientMetadata;
  content: RequestContent;
  cost: Cost;
  failed: boolean;
  /** What went wrong, for a failed request (only used where content is forwarded). */
  errorText: string;
  firstToken?: number;
};
export type SpanExtras = (input: SpanExtrasInput) => Record<string, AttributeValue | undefined>;

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = nonEmptyString;

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

function responseFormatType(responseFormat: unknown): string | undefined {
  const type = isObject(responseFormat) ? responseFormat.type : undefined;
  if (type === "json_object" || type === "json_schema") return "json";
  if (type === "text") return "text";
  return undefined;
}

/** Drops absent and empty values: LiteLLM writes "" for many missing strings. */
function present(attributes: Record<string, AttributeValue | undefined | null>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "number" && !Number.isFinite(value)) continue;
    if (Array.isArray(value)) {
      const items = value.filter((v) => v !== "");
      if (items.length > 0) out[key] = items;
    } else out[key] = value;
  }
  return out;
}

export function mapRecordToSpan(record: GatewayRecord, ctx: SpanContext): MappedSpan {
  const a: Record<string, AttributeValue | undefined> = {};
  const meta = record.metadata ?? {};
  const hidden = record.hidden_params ?? {};
  const params = record.model_parameters ?? {};
  const response = isObject(record.response) ? record.response : {};
  const kind = operationKind(record.call_type);
  const op = operationName(kind);
  const failed = record.status === "failure";
  const client = clientMetadata(record);
  const content = requestContent(record, kind);
  const usage = usageOf(record);
  const cost = costOf(record, usage);
  const { start, end, firstToken } = ctx.times;
  // The client asked for the model group (the public name); `model` is the router's deployment.
  const requestModel = str(record.model_group) ?? str(record.model);
  // A failed request has no response, so no response model (the semantic conventions' rule):
  // the deployment name LiteLLM logs instead would split a model's failures from its
  // successes in Langfuse, which shows the response model first.
  const responseModel = failed
    ? str(response.model)
    : (str(response.model) ?? str(hidden.litellm_model_name) ?? str(record.model));

  // Semantic conventions: operation, provider, model, request parameters.
  a["gen_ai.operation.name"] = op;
  a["gen_ai.provider.name"] = providerName(str(record.custom_llm_provider));
  a["gen_ai.request.model"] = requestModel;
  a["gen_ai.response.model"] = responseModel;
  a["gen_ai.response.id"] = str(response.id);
  a["gen_ai.request.max_tokens"] =
    num(params.max_tokens) ?? num(params.max_completion_tokens) ?? num(params.max_output_tokens);
  a["gen_ai.request.temperature"] = num(params.temperature);
  a["gen_ai.request.top_p"] = num(params.top_p);
  a["gen_ai.request.top_k"] = num(params.top_k);
  a["gen_ai.request.frequency_penalty"] = num(params.frequency_penalty);
  a["gen_ai.request.presence_penalty"] = num(params.presence_penalty);
  a["gen_ai.request.seed"] = num(params.seed);
  // `stop_sequences` is Anthropic's name (and what LiteLLM logs for Anthropic and Gemini requests).
  const stopParam = params.stop ?? params.stop_sequences;
  const stop = typeof stopParam === "string" ? [stopParam] : Array.isArray(stopParam) ? stopParam : [];
  a["gen_ai.request.stop_sequences"] = stop.filter((s): s is string => typeof s === "string");
  const n = num(params.n);
  a["gen_ai.request.choice.count"] = n !== undefined && n !== 1 ? n : undefined;
  a["gen_ai.output.type"] = OUTPUT_TYPE[kind] ?? responseFormatType(params.response_format);
  a["aptible.request.response_format"] = isObject(params.response_format)
    ? JSON.stringify(params.response_format)
    : undefined;
  // The Responses API's chaining: the response this request continues (`gen_ai.response.id` of
  // an earlier span), so a conversation kept server-side can be followed from span to span.
  a["aptible.request.previous_response_id"] = str(params.previous_response_id);
  a["gen_ai.response.finish_reasons"] = content.finishReasons;
  const { host, port } = hostAndPort(str(record.api_base));
  a["server.address"] = host;
  a["server.port"] = host ? port : undefined;
  a["user_agent.original"] = str(record.user_agent);

  // Usage (input includes cached tokens, output includes reasoning tokens).
  a["gen_ai.usage.input_tokens"] = usage.input;
  a["gen_ai.usage.output_tokens"] = usage.output;
  a["gen_ai.usage.cache_read.input_tokens"] = usage.cacheRead;
  a["gen_ai.usage.cache_creation.input_tokens"] = usage.cacheCreation;
  a["gen_ai.usage.reasoning.output_tokens"] = usage.reasoning;
  a["aptible.usage.total_tokens"] = usage.total;

  // Cost (USD, list price) from one source.
  a["aptible.cost.total_usd"] = cost.total;
  a["aptible.cost.input_usd"] = cost.items?.input;
  a["aptible.cost.output_usd"] = cost.items?.output;
  a["aptible.cost.cache_read_usd"] = cost.items?.input_cached_tokens;
  a["aptible.cost.cache_creation_usd"] = cost.items?.input_cache_creation;
  a["aptible.cost.reasoning_usd"] = cost.items?.output_reasoning_tokens;

  // Latency and time to first token (streaming only).
  a["aptible.latency.total_ms"] = Math.round((end - start) * 1000);
  a["aptible.latency.time_to_first_token_ms"] =
    firstToken !== undefined ? Math.round((firstToken - start) * 1000) : undefined;
  a["aptible.gateway.overhead_ms"] = num(hidden.litellm_overhead_time_ms);
  a["aptible.request.stream"] = record.stream;
  if (ctx.times.estimated) a["aptible.time.estimated"] = true;

  // Gateway cache.
  a["aptible.cache.hit"] = record.cache_hit;
  a["aptible.cache.key"] = str(record.cache_key);
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
  a["aptible.model.id"] = str(record.model_id);
  a["aptible.model.group"] = str(record.model_group);
  a["aptible.model.deployment"] = str(record.model);
  a["aptible.request.route"] = str(meta.user_api_key_request_route);
  a["aptible.request.id"] = str(record.id);
  a["aptible.request.call_type"] = str(record.call_type);
  a["aptible.request.tags"] = record.request_tags;
  a["gen_ai.conversation.id"] = client.sessionId;
  Object.assign(a, content.contentFree);

  // Errors: the class and code always; the message only where content may go.
  const errorInfo = record.error_information ?? {};
  const errorClass = str(errorInfo.error_class);
  const errorCode = typeof errorInfo.error_code === "number" ? String(errorInfo.error_code) : str(errorInfo.error_code);
  const errorMessage = str(errorInfo.error_message) ?? str(record.error_str);
  if (failed) {
    a["error.type"] = errorClass ?? "_OTHER";
    a["aptible.error.code"] = errorCode;
    a["aptible.error.provider"] = str(errorInfo.llm_provider);
  }

  if (ctx.forwardContent) {
    a["client.address"] = str(record.requester_ip_address);
    a["user.id"] = client.userId;
    if (failed) a["aptible.error.message"] = errorMessage;
    Object.assign(a, content.semconv);
    if (content.truncated) a["aptible.content.truncated"] = true;
  }
  a["aptible.content.forwarded"] = ctx.forwardContent;
  if (ctx.test) a["aptible.test"] = true;

  const statusMessage = ctx.forwardContent
    ? (errorMessage ?? "request failed").slice(0, 2000)
    : [errorClass ?? "request failed", errorCode ? `(${errorCode})` : ""].filter(Boolean).join(" ");
  // The destination's own additions (e.g. Langfuse's `langfuse.*`): extra attributes on the same span.
  if (ctx.extras) {
    Object.assign(
      a,
      ctx.extras({ record, attributes: a, ctx, client, content, cost, failed, errorText: statusMessage, firstToken }),
    );
  }

  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    name: client.generationName ?? (requestModel ? `${op} ${requestModel}` : op),
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(end),
    attributes: present(a),
    status: failed ? { code: 2, message: statusMessage } : { code: 0 },
  };
}
