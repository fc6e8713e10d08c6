import type { GatewayRecord } from "./gateway-record";
import { isObject } from "./content/parts";

// Tokens and cost. Token counts follow the conventions (input includes cached tokens;
// output includes reasoning tokens) and Langfuse's reading of them: it subtracts
// `gen_ai.usage.cache_read.input_tokens`, `…cache_creation.input_tokens` and
// `gen_ai.usage.reasoning.output_tokens` (semconv 1.41's name; 1.40 has none) into its
// usage keys input_cached_tokens, input_cache_creation and output_reasoning_tokens.
// Cost has one source: the gateway's `response_cost` is the total; the breakdown's items
// are sent only when they add up to it and line up with the usage, keyed like Langfuse's.
// A model the gateway could not price is logged with cost 0 and the reason: no cost is sent
// then, since a provided cost (even 0) stops Langfuse from pricing the model itself.

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const positive = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== undefined && n > 0 ? n : undefined;
};

/** USD to 12 decimal places: differences of binary floats otherwise print as 0.00036959999999. */
const roundUsd = (usd: number) => Math.round(usd * 1e12) / 1e12;

export type Usage = {
  input?: number;
  output?: number;
  total?: number;
  cacheRead?: number;
  cacheCreation?: number;
  reasoning?: number;
};

export function usageOf(record: GatewayRecord): Usage {
  const meta = record.metadata ?? {};
  const u = isObject(meta.usage_object) ? meta.usage_object : {};
  const responseUsage = isObject(record.response) && isObject(record.response.usage) ? record.response.usage : {};
  const prompt = isObject(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const completion = isObject(u.completion_tokens_details) ? u.completion_tokens_details : {};
  // The first non-zero count wins, else the record's own (possibly 0). Image generation
  // reports Responses-style usage (input_tokens / output_tokens) in the response.
  const count = (own: unknown, ...others: unknown[]) => positive(own) ?? others.map(positive).find(Boolean) ?? num(own);
  // A Responses API call's details may be only in its response (`input_tokens_details`,
  // `output_tokens_details`): some LiteLLM versions copy just the three totals to usage_object.
  const responseInput = isObject(responseUsage.input_tokens_details) ? responseUsage.input_tokens_details : {};
  const responseOutput = isObject(responseUsage.output_tokens_details) ? responseUsage.output_tokens_details : {};
  const cacheRead =
    positive(prompt.cached_tokens) ?? positive(u.cache_read_input_tokens) ?? positive(responseInput.cached_tokens);
  const cacheCreation = positive(prompt.cache_creation_tokens) ?? positive(u.cache_creation_input_tokens);
  return {
    input: inputWithCache(
      count(record.prompt_tokens, u.prompt_tokens, responseUsage.input_tokens),
      cacheRead,
      cacheCreation,
    ),
    output: count(record.completion_tokens, u.completion_tokens, responseUsage.output_tokens),
    total: count(record.total_tokens, u.total_tokens, responseUsage.total_tokens),
    cacheRead,
    cacheCreation,
    reasoning: positive(completion.reasoning_tokens) ?? positive(responseOutput.reasoning_tokens),
  };
}

/**
 * Input tokens including the cached ones, as the conventions count them and Langfuse reads them
 * (it subtracts both cache counts). Some LiteLLM versions leave cache reads or cache creation
 * out of `prompt_tokens`: a count smaller than its own cached part would show as 0 input, so
 * the part it cannot hold is added back.
 */
function inputWithCache(input: number | undefined, cacheRead = 0, cacheCreation = 0): number | undefined {
  if (input === undefined) return undefined;
  let total = input;
  if (total < cacheRead) total += cacheRead;
  if (total < cacheRead + cacheCreation) total += cacheCreation;
  return total;
}

export type Cost = {
  total?: number;
  /** Items keyed like Langfuse's usage, present only when they add up to the total. */
  items?: Record<string, number>;
};

export function costOf(record: GatewayRecord, usage: Usage): Cost {
  const unpriced = record.response_cost_failure_debug_info;
  if (unpriced !== undefined && unpriced !== null && unpriced !== "") return {};
  const b = record.cost_breakdown ?? {};
  const total = num(record.response_cost) ?? num(b.total_cost);
  if (total === undefined) return {};
  const output = num(b.output_cost);
  const reasoning = positive(b.reasoning_cost);
  // LiteLLM's own breakdown has no cache or reasoning items: its input cost includes cached
  // and cache-creation tokens, its output cost the reasoning. Langfuse's input and output
  // usage exclude them, so such items would price the wrong tokens: then the total only.
  const unmatched =
    (usage.cacheRead !== undefined && positive(b.cache_read_cost) === undefined) ||
    (usage.cacheCreation !== undefined && positive(b.cache_creation_cost) === undefined) ||
    (usage.reasoning !== undefined && reasoning === undefined);
  if (unmatched) return { total };
  const raw: Record<string, number | undefined> = {
    input: num(b.input_cost),
    input_cached_tokens: positive(b.cache_read_cost),
    input_cache_creation: positive(b.cache_creation_cost),
    // LiteLLM's reasoning cost is part of its output cost; Langfuse's output excludes it.
    output: output !== undefined && reasoning !== undefined ? roundUsd(output - reasoning) : output,
    output_reasoning_tokens: reasoning,
    tool_usage: positive(b.tool_usage_cost),
  };
  if (raw.input === undefined || raw.output === undefined) return { total };
  const items = Object.fromEntries(Object.entries(raw).filter((e): e is [string, number] => e[1] !== undefined));
  const sum = Object.values(items).reduce((a, b) => a + b, 0);
  const tolerance = Math.max(1e-9, Math.abs(total) * 1e-6);
  return Math.abs(sum - total) <= tolerance ? { total, items } : { total };
}
