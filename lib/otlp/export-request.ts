import { gzipSync } from "node:zlib";
import { lenFieldSize, ProtobufWriter, readVarint, tagSize, varintSize } from "./protobuf";

// An ExportTraceServiceRequest assembled from stored span frames:
//   resource_spans(1) { resource(1) { attributes }, scope_spans(2) { scope(1), spans(2)… } }
// Only the outer lengths depend on the batch. Stored spans are gzip members of their frame,
// and a gzip stream may hold several members (RFC 1952 §2.2; Node's zlib, Go's gzip and
// Python's gzip all read them), so a gzip-encoded request is a gzip member of this header
// followed by the stored members as they are: nothing is decompressed or recompressed.

export const SERVICE_NAME = "aptible-ai-gateway";
export const SCOPE = { name: "aptible.llm-trace-drain", version: "1.0.0" };

function keyValueString(key: string, value: string): Buffer {
  const k = Buffer.byteLength(key);
  const v = Buffer.byteLength(value);
  const any = lenFieldSize(1, v);
  const w = new ProtobufWriter(lenFieldSize(1, k) + lenFieldSize(2, any));
  return w.string(1, key, k).open(2, any).string(1, value, v).finish();
}

const RESOURCE = (() => {
  const attrs = [keyValueString("service.name", SERVICE_NAME), keyValueString("telemetry.sdk.language", "nodejs")];
  const w = new ProtobufWriter(attrs.reduce((n, a) => n + lenFieldSize(1, a.length), 0));
  for (const a of attrs) w.bytes(1, a);
  return w.finish();
})();

const SCOPE_BYTES = (() => {
  const n = Buffer.byteLength(SCOPE.name);
  const v = Buffer.byteLength(SCOPE.version);
  return new ProtobufWriter(lenFieldSize(1, n) + lenFieldSize(2, v))
    .string(1, SCOPE.name, n)
    .string(2, SCOPE.version, v)
    .finish();
})();

/** The request's bytes that come before `framesLength` bytes of span frames. */
export function requestHeader(framesLength: number): Buffer {
  const scopeSpans = lenFieldSize(1, SCOPE_BYTES.length) + framesLength;
  const resourceSpans = lenFieldSize(1, RESOURCE.length) + lenFieldSize(2, scopeSpans);
  const headerSize =
    tagSize(1) + varintSize(resourceSpans) + lenFieldSize(1, RESOURCE.length) + tagSize(2) + varintSize(scopeSpans);
  const w = new ProtobufWriter(headerSize + lenFieldSize(1, SCOPE_BYTES.length));
  w.open(1, resourceSpans).bytes(1, RESOURCE).open(2, scopeSpans).bytes(1, SCOPE_BYTES);
  return w.finish();
}

/** A gzip-encoded protobuf request from gzip members of span frames totalling `framesLength` bytes. */
export function gzipRequest(members: Buffer[], framesLength: number): Buffer {
  return Buffer.concat([gzipSync(requestHeader(framesLength), { level: 1 }), ...members]);
}

// OTLP/JSON requests are assembled the same way: a gzip member of the request's opening,
// then the stored spans (each a gzip member of one JSON `Span`) separated by members holding
// a comma, then a member closing the arrays and objects.
const JSON_OPENING = gzipSync(
  JSON.stringify({
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: "service.name", value: { stringValue: SERVICE_NAME } },
            { key: "telemetry.sdk.language", value: { stringValue: "nodejs" } },
          ],
        },
        scopeSpans: [{ scope: SCOPE, spans: [] }],
      },
    ],
  }).replace(/\[\]\}\]\}\]\}$/, "["),
);
const JSON_COMMA = gzipSync(",");
const JSON_CLOSING = gzipSync("]}]}]}");

/** A gzip-encoded OTLP/JSON request from gzip members of JSON spans. */
export function gzipJsonRequest(members: Buffer[]): Buffer {
  const parts: Buffer[] = [JSON_OPENING];
  members.forEach((m, i) => parts.push(...(i === 0 ? [m] : [JSON_COMMA, m])));
  parts.push(JSON_CLOSING);
  return Buffer.concat(parts);
}

export type PartialSuccess = { rejectedSpans: number; errorMessage: string };

/** Reads `partial_success` from an ExportTraceServiceResponse (protobuf or JSON); none when absent. */
export function partialSuccess(body: Buffer, contentType: string): PartialSuccess | undefined {
  if (body.length === 0) return undefined;
  if (contentType.includes("json")) {
    try {
      const parsed = JSON.parse(body.toString("utf8")) as {
        partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown };
      };
      const p = parsed.partialSuccess;
      if (!p) return undefined;
      const rejected = Number(p.rejectedSpans ?? 0);
      return rejected > 0 || p.errorMessage
        ? { rejectedSpans: rejected, errorMessage: String(p.errorMessage ?? "") }
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (!contentType.includes("protobuf")) return undefined;
  try {
    return readPartialSuccess(body);
  } catch {
    return undefined;
  }
}

function readPartialSuccess(body: Buffer): PartialSuccess | undefined {
  let pos = 0;
  const varint = () => {
    const [value, next] = readVarint(body, pos);
    pos = next;
    return value;
  };
  while (pos < body.length) {
    const tag = varint();
    if (tag >>> 3 !== 1 || (tag & 7) !== 2) return undefined;
    const length = varint();
    const end = pos + length;
    const result: PartialSuccess = { rejectedSpans: 0, errorMessage: "" };
    while (pos < end) {
      const t = varint();
      if (t >>> 3 === 1 && (t & 7) === 0) result.rejectedSpans = varint();
      else if (t >>> 3 === 2 && (t & 7) === 2) {
        const len = varint();
        result.errorMessage = body.toString("utf8", pos, pos + len);
        pos += len;
      } else return undefined;
    }
    return result.rejectedSpans > 0 || result.errorMessage ? result : undefined;
  }
  return undefined;
}
