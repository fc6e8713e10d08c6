import type { GatewayRecord } from "../tracing/gateway-record";
import type { Redactor } from "./redactor";

// Redaction of a gateway record's content before it is mapped, so each text is redacted
// once, whichever attributes then carry it (the semconv messages and a destination's own
// view of the same conversation). Content is what the request and response say: messages,
// the response, instructions and tool definitions in the request parameters, error texts.

type Counts = Record<string, number>;

function walk(value: unknown, redact: Redactor, counts: Counts): unknown {
  if (typeof value === "string") {
    const r = redact(value);
    for (const [k, n] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + n;
    return r.text;
  }
  if (Array.isArray(value)) return value.map((v) => walk(v, redact, counts));
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) copy[k] = walk(v, redact, counts);
    return copy;
  }
  return value;
}

export function redactRecordContent(
  record: GatewayRecord,
  redact: Redactor,
): { record: GatewayRecord; counts: Counts } {
  const counts: Counts = {};
  const text = (v: unknown) => walk(v, redact, counts);
  const redacted: GatewayRecord = {
    ...record,
    messages: text(record.messages),
    response: text(record.response),
    error_str: record.error_str === undefined ? undefined : (text(record.error_str) as string),
    error_information:
      record.error_information && (text(record.error_information) as GatewayRecord["error_information"]),
    model_parameters: record.model_parameters && (text(record.model_parameters) as GatewayRecord["model_parameters"]),
  };
  return { record: redacted, counts };
}
