import type { AttributeValue, MappedSpan } from "../tracing/span-mapping";
import { lenFieldSize, ProtobufWriter, tagSize, varintSize } from "./protobuf";

// A mapped span as OTLP protobuf, framed the way it sits inside an export request: field 2
// (`spans`) of a ScopeSpans message. Frames are stored as they are and concatenated at
// delivery (otlp-request.ts), so each span is encoded exactly once.
// Field numbers: opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.

const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

type Value =
  | { kind: "string"; value: string; bytes: number }
  | { kind: "bool"; value: boolean }
  | { kind: "int"; value: number }
  | { kind: "double"; value: number }
  | { kind: "array"; items: { value: string; bytes: number }[] };

/** AnyValue size for a value. */
function anyValueSize(v: Value): number {
  switch (v.kind) {
    case "string":
      return lenFieldSize(1, v.bytes);
    case "bool":
      return tagSize(2) + 1;
    case "int":
      return tagSize(3) + (v.value < 0 ? 10 : varintSize(v.value));
    case "double":
      return tagSize(4) + 8;
    case "array": {
      const values = v.items.reduce((n, i) => n + lenFieldSize(1, lenFieldSize(1, i.bytes)), 0);
      return lenFieldSize(5, values);
    }
  }
}

function toValue(value: AttributeValue): Value {
  if (typeof value === "string") return { kind: "string", value, bytes: Buffer.byteLength(value) };
  if (typeof value === "boolean") return { kind: "bool", value };
  if (typeof value === "number")
    return Number.isSafeInteger(value) ? { kind: "int", value } : { kind: "double", value };
  return { kind: "array", items: value.map((s) => ({ value: s, bytes: Buffer.byteLength(s) })) };
}

function writeAnyValue(w: ProtobufWriter, v: Value): void {
  switch (v.kind) {
    case "string":
      w.string(1, v.value, v.bytes);
      return;
    case "bool":
      w.tag(2, 0).varint(v.value ? 1 : 0);
      return;
    case "int":
      w.tag(3, 0).int64(v.value);
      return;
    case "double":
      w.double(4, v.value);
      return;
    case "array": {
      const sizes = v.items.map((i) => lenFieldSize(1, i.bytes));
      w.open(
        5,
        sizes.reduce((n, s) => n + lenFieldSize(1, s), 0),
      );
      v.items.forEach((item, i) => w.open(1, sizes[i]!).string(1, item.value, item.bytes));
    }
  }
}

const hex = (s: string) => Buffer.from(s, "hex");

/**
 * The span, framed as ScopeSpans field 2, in a buffer of exactly its size. With `scratch`,
 * the frame is written into it when it fits and the result is a view that the next call
 * overwrites (ingest compresses each frame at once, so this saves an allocation per span).
 */
export function encodeSpanFrame(span: MappedSpan, scratch?: Buffer): Buffer {
  const traceId = hex(span.traceId);
  const spanId = hex(span.spanId);
  const nameBytes = Buffer.byteLength(span.name);
  const attributes = Object.entries(span.attributes).map(([key, value]) => {
    const v = toValue(value);
    const keyBytes = Buffer.byteLength(key);
    const valueSize = anyValueSize(v);
    return { key, keyBytes, v, valueSize, size: lenFieldSize(1, keyBytes) + lenFieldSize(2, valueSize) };
  });
  const message = span.status.code === STATUS_ERROR ? (span.status.message ?? "") : undefined;
  const messageBytes = message !== undefined ? Buffer.byteLength(message) : 0;
  const statusSize = message !== undefined ? lenFieldSize(2, messageBytes) + tagSize(3) + 1 : 0;

  const spanSize =
    lenFieldSize(1, traceId.length) +
    lenFieldSize(2, spanId.length) +
    lenFieldSize(5, nameBytes) +
    tagSize(6) +
    1 +
    (tagSize(7) + 8) * 2 +
    attributes.reduce((n, a) => n + lenFieldSize(9, a.size), 0) +
    lenFieldSize(15, statusSize);

  const w = new ProtobufWriter(lenFieldSize(2, spanSize), scratch);
  w.open(2, spanSize);
  w.bytes(1, traceId).bytes(2, spanId).string(5, span.name, nameBytes);
  w.tag(6, 0).varint(SPAN_KIND_CLIENT);
  w.fixed64(7, BigInt(span.startTimeUnixNano)).fixed64(8, BigInt(span.endTimeUnixNano));
  for (const a of attributes) {
    w.open(9, a.size).string(1, a.key, a.keyBytes).open(2, a.valueSize);
    writeAnyValue(w, a.v);
  }
  w.open(15, statusSize);
  if (message !== undefined) w.string(2, message, messageBytes).tag(3, 0).varint(STATUS_ERROR);
  return w.finish();
}
