import { z } from "zod";

// The AI Gateway's per-request log record (LiteLLM's StandardLoggingPayload), read
// defensively: every field optional, wrong types become undefined instead of failing the
// record, unknown fields dropped. Times are epoch seconds, or ISO strings in some payloads
// (read by record-times.ts).

const num = z.preprocess((v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined), z.number().optional());
const str = z.preprocess(
  (v) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined),
  z.string().optional(),
);
const bool = z.preprocess((v) => (typeof v === "boolean" ? v : undefined), z.boolean().optional());
const obj = z.preprocess(
  (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : undefined),
  z.record(z.string(), z.unknown()).optional(),
);
const strArr = z.preprocess(
  (v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined),
  z.array(z.string()).optional(),
);

export const gatewayRecord = z.object({
  id: str,
  trace_id: str,
  call_type: str,
  status: str,
  error_str: str,
  error_information: obj,
  custom_llm_provider: str,
  model: str,
  model_id: str,
  model_group: str,
  api_base: str,
  stream: bool,
  startTime: z.unknown().optional(),
  endTime: z.unknown().optional(),
  completionStartTime: z.unknown().optional(),
  response_time: num,
  prompt_tokens: num,
  completion_tokens: num,
  total_tokens: num,
  response_cost: num,
  /** Why the gateway could not price the call (an unmapped model); null when it could. */
  response_cost_failure_debug_info: z.unknown().optional(),
  cost_breakdown: obj,
  cache_hit: bool,
  cache_key: str,
  saved_cache_cost: num,
  messages: z.unknown().optional(),
  response: z.unknown().optional(),
  model_parameters: obj,
  end_user: str,
  request_tags: strArr,
  requester_ip_address: str,
  user_agent: str,
  metadata: obj,
  hidden_params: obj,
  // Present on the records the simulator and some gateways add; harmless when absent.
  litellm_call_id: str,
  session_id: str,
});
export type GatewayRecord = z.infer<typeof gatewayRecord>;

/** The sha256 of the calling key, which attributes the record to an environment. */
export function keyHashOf(record: GatewayRecord): string | undefined {
  const hash = record.metadata?.user_api_key_hash;
  return typeof hash === "string" && /^[0-9a-f]{64}$/i.test(hash) ? hash.toLowerCase() : undefined;
}
