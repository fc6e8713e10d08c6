import type { AttributeValue, SpanExtrasInput } from "../../tracing/span-mapping";

// What Langfuse reads beyond the conventions (its OtelIngestionProcessor, v4.16):
// - input/output: `langfuse.observation.input` / `output` come before every semconv
//   attribute (extractInputAndOutput), in the OpenAI chat shape its chat view and tool-call
//   index understand (lib/tracing/content/render-chat.ts);
// - cost: `langfuse.observation.cost_details` (extractCostDetails) wins over
//   `gen_ai.usage.cost`; either disables Langfuse's own pricing;
// - time to first token: `langfuse.observation.completion_start_time` (ISO string);
// - trace name, tags and filterable metadata: `langfuse.trace.name`, `langfuse.trace.tags`
//   (a string array), `langfuse.trace.metadata.<key>`;
// - observation metadata: `langfuse.observation.metadata.<key>`, a top-level key that every
//   Langfuse write path can filter on (other attributes land under `metadata.attributes`,
//   which only its v4 events table flattens into filterable paths);
// - environment: `langfuse.environment` ([a-z0-9-_], at most 40 characters).

export const TAG_CACHE_HIT = "cache-hit";
export const TAG_ERROR = "error";
export const TAG_TEST = "test";

/**
 * Client metadata keys that Langfuse would not keep as the client's. It merges trace metadata
 * over an observation's own (processToEvent), where `attributes`, `resourceAttributes` and
 * `scope` would replace what the span says and `tools` would add tool definitions; keys
 * starting with `langfuse` stand in for the session, user and tags; `key_alias` and
 * `model_group` are the platform's (below). Such keys are left out, not renamed.
 */
const LANGFUSE_OWN_METADATA = new Set([
  "attributes",
  "resourceattributes",
  "scope",
  "tools",
  "key_alias",
  "model_group",
]);
const isClientMetadataKey = (key: string) => !LANGFUSE_OWN_METADATA.has(key.toLowerCase()) && !/^langfuse/i.test(key);

export function langfuseEnvironment(handle: string): string {
  return handle
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "-")
    .slice(0, 40);
}

/** Langfuse's own attributes, added to the semconv span of a Langfuse drain. */
export function langfuseAttributes({
  record,
  attributes,
  ctx,
  client,
  content,
  cost,
  failed,
  errorText,
  firstToken,
}: SpanExtrasInput) {
  const a: Record<string, AttributeValue | undefined> = {};
  a["langfuse.environment"] = langfuseEnvironment(ctx.environmentHandle);
  a["gen_ai.usage.cost"] = cost.total;
  if (cost.items && cost.total !== undefined) {
    a["langfuse.observation.cost_details"] = JSON.stringify({ ...cost.items, total: cost.total });
  }
  a["langfuse.observation.completion_start_time"] =
    firstToken !== undefined ? new Date(firstToken * 1000).toISOString() : undefined;
  // Which key called and which of the gateway's model names it asked for, filterable in
  // Langfuse. Identifiers, not content: sent whatever the drain's content setting.
  a["langfuse.observation.metadata.key_alias"] = attributes["aptible.key.alias"];
  a["langfuse.observation.metadata.model_group"] = attributes["aptible.model.group"];
  a["langfuse.trace.name"] = client.traceName;
  a["langfuse.version"] = client.version;
  a["langfuse.release"] = client.release;
  const markers = [
    record.cache_hit === true ? TAG_CACHE_HIT : undefined,
    failed ? TAG_ERROR : undefined,
    ctx.test ? TAG_TEST : undefined,
  ].filter((t): t is string => t !== undefined);
  a["langfuse.trace.tags"] = [...new Set([...client.tags, ...markers])];

  if (ctx.forwardContent) {
    if (content.chatInput !== undefined) a["langfuse.observation.input"] = JSON.stringify(content.chatInput);
    // A failed request has no response: its error reads better than an empty assistant turn.
    const output = content.chatOutput ?? (failed ? errorText : undefined);
    if (output !== undefined) a["langfuse.observation.output"] = JSON.stringify(output);
    for (const [key, value] of Object.entries(client.traceMetadata)) {
      if (isClientMetadataKey(key)) a[`langfuse.trace.metadata.${key}`] = value;
    }
  }
  return a;
}
