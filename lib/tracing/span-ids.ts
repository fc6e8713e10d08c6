import { createHash } from "node:crypto";
import type { GatewayRecord } from "./gateway-record";
import { isObject } from "./content/parts";

/** The trace the client named in its request metadata (LiteLLM's `trace_id` / `existing_trace_id`). */
function clientTraceId(record: GatewayRecord): string | undefined {
  const requester = isObject(record.metadata?.requester_metadata) ? record.metadata.requester_metadata : {};
  const id = requester.existing_trace_id ?? requester.trace_id;
  return typeof id === "string" && id.trim() !== "" ? id.trim() : typeof id === "number" ? String(id) : undefined;
}

const hex = (identity: string) => createHash("sha256").update(identity).digest("hex");

/**
 * Trace and span ids derived from the record itself, so a re-delivered span carries the
 * same ids. The identity is the gateway's request id with its start time (cache hits get
 * a suffixed id); records without an id fall back to a digest of their raw JSON text.
 * Each request is a trace of its own, unless the client named a trace in its request
 * metadata, as LiteLLM's own Langfuse integration reads it: then the requests of that trace,
 * within one environment (`scope`), share one trace id and show as one trace.
 */
export function spanIdentity(
  record: GatewayRecord,
  rawText: () => string,
  scope = "",
): { traceId: string; spanId: string } {
  // The raw text is only serialised for records without an id (rare, and possibly large).
  const identity =
    record.id || record.litellm_call_id
      ? `${record.id ?? ""}|${record.litellm_call_id ?? ""}|${record.startTime ?? ""}`
      : `raw|${rawText()}`;
  const digest = hex(identity);
  const clientTrace = clientTraceId(record);
  let traceId = clientTrace ? hex(`trace|${scope}|${clientTrace}`).slice(0, 32) : digest.slice(0, 32);
  let spanId = digest.slice(32, 48);
  // All-zero ids are invalid in OTLP (Langfuse rejects the whole batch): practically
  // impossible from sha256, but cheap to rule out.
  if (/^0+$/.test(traceId)) traceId = "1".padStart(32, "0");
  if (/^0+$/.test(spanId)) spanId = "1".padStart(16, "0");
  return { traceId, spanId };
}
