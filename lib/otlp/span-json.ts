import type { AttributeValue, MappedSpan } from "../tracing/span-mapping";

// A mapped span in the OTLP/JSON encoding (the protobuf JSON mapping with OTLP's
// exceptions: trace and span ids as hex, enums as integers, 64-bit integers as strings),
// for destinations that take `application/json`. Same span as span-frame.ts, same fields.

const SPAN_KIND_CLIENT = 3;

function anyValue(value: AttributeValue): Record<string, unknown> {
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  if (typeof value === "number")
    return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { arrayValue: { values: value.map((s) => ({ stringValue: s })) } };
}

/** The span as one OTLP/JSON `Span` object. */
export function encodeSpanJson(span: MappedSpan): string {
  return JSON.stringify({
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: SPAN_KIND_CLIENT,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: Object.entries(span.attributes).map(([key, value]) => ({ key, value: anyValue(value) })),
    status: span.status.code === 2 ? { code: 2, message: span.status.message ?? "" } : {},
  });
}
