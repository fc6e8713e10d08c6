import { createHash } from "node:crypto";
import type { GatewayRecord } from "./gateway-record";

/**
 * Trace and span ids derived from the record itself, so a re-delivered span carries the
 * same ids. The identity is the gateway's request id with its start time (cache hits get
 * a suffixed id); records without an id fall back to a digest of their raw JSON text.
 */
export function spanIdentity(record: GatewayRecord, rawText: () => string): { traceId: string; spanId: string } {
  // The raw text is only serialised for records without an id (rare, and possibly large).
  const identity =
    record.id || record.litellm_call_id
      ? `${record.id ?? ""}|${record.litellm_call_id ?? ""}|${record.startTime ?? ""}`
      : `raw|${rawText()}`;
  const digest = createHash("sha256").update(identity).digest("hex");
  let traceId = digest.slice(0, 32);
  let spanId = digest.slice(32, 48);
  // All-zero ids are invalid in OTLP (Langfuse rejects the whole batch): practically
  // impossible from sha256, but cheap to rule out.
  if (/^0+$/.test(traceId)) traceId = "1".padStart(32, "0");
  if (/^0+$/.test(spanId)) spanId = "1".padStart(16, "0");
  return { traceId, spanId };
}
