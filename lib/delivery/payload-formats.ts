import type { SpanEncoding } from "../destinations/types";

// How a queued span's payload is encoded (trace_outbox.payload_format). Each is encrypted.
/** Before spans were stored as sent: the mapped span as deflated JSON (converted at delivery). */
export const FORMAT_JSON_DEFLATE = 1;
/** A gzip member of the span's OTLP protobuf frame. */
export const FORMAT_PROTOBUF_GZIP = 2;
/** A gzip member of the span as one OTLP/JSON `Span` object. */
export const FORMAT_OTLP_JSON_GZIP = 3;

export const formatFor = (encoding: SpanEncoding) =>
  encoding === "json" ? FORMAT_OTLP_JSON_GZIP : FORMAT_PROTOBUF_GZIP;
