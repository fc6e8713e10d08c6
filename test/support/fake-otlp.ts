import https from "node:https";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { decodeExportRequest, type DecodedSpan } from "./otlp-decode";

// A stand-in for a generic OTLP/HTTP trace receiver (an OpenTelemetry Collector, Honeycomb,
// Tempo…) on loopback over https. It checks one API key header, answers the way the OTLP/HTTP
// spec says (https://opentelemetry.io/docs/specs/otlp/#otlphttp), and can be told to misbehave.
// Its encoder is written here from the .proto field numbers rather than borrowed from lib/otlp,
// so a bug in the app's encoder cannot hide itself in the fake.

export type FakeOtlpMode =
  "normal" | "unauthorized" | "partial-success" | "down-503" | "rate-limited" | "html" | "echo-headers" | "reject-400";

export type FakeOtlpOptions = {
  cert: string;
  key: string;
  port?: number;
  /** Default "/v1/traces". */
  path?: string;
  /** Default "x-api-key"; matched case-insensitively, as HTTP header names are. */
  headerName?: string;
  /** Default "otlp-fake-secret-0001". */
  headerValue?: string;
};

export type FakeOtlp = {
  /** https://localhost:<port>, without the path. */
  url: string;
  /** url + path. */
  tracesUrl: string;
  port: number;
  headerName: string;
  headerValue: string;
  setMode(mode: FakeOtlpMode): void;
  /** Every span accepted (in "partial-success" mode too), decoded, in arrival order. */
  spans: DecodedSpan[];
  /** Every POST to the traces path, whatever the answer, with its outcome status. */
  exports: {
    status: number;
    spanCount: number;
    contentType: string;
    contentEncoding: string;
    /** Size of the request body as sent (before any decoding). */
    bytes: number;
    headers: Record<string, string | string[] | undefined>;
  }[];
  requests: { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
};

const PROTOBUF = "application/x-protobuf";
const JSON_TYPE = "application/json";

// google.rpc.Code values for the Status bodies of error answers.
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;

function varint(n: number): Buffer {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
  out.push(n);
  return Buffer.from(out);
}
const lenField = (field: number, bytes: Buffer) => Buffer.concat([varint(field * 8 + 2), varint(bytes.length), bytes]);
// proto3 leaves zero scalars out of the encoding.
const varintField = (field: number, n: number) =>
  n === 0 ? Buffer.alloc(0) : Buffer.concat([varint(field * 8), varint(n)]);

// Message fields the framing check descends into: request → resource_spans(1) → scope_spans(2) → spans(2).
const NESTED = [1, 2, 2];

/**
 * Whether the protobuf in buf[start, end) is well framed down to the span fields. The shared
 * decoder reads past lengths that overrun their message without complaint (a truncated body
 * decodes to fewer spans, or none), while a real receiver answers 400; and the app computes
 * these outer lengths by hand, so a wrong one must fail here as it would in production.
 */
function wellFramed(buf: Buffer, start = 0, end = buf.length, depth = 0): boolean {
  let pos = start;
  const readVarint = (): number | undefined => {
    let result = 0;
    for (let shift = 0; pos < end && shift < 64; shift += 7) {
      const b = buf[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    return undefined;
  };
  while (pos < end) {
    const tag = readVarint();
    if (tag === undefined || tag < 8) return false;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      if (readVarint() === undefined) return false;
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
      if (pos > end) return false;
    } else if (wire === 2) {
      const len = readVarint();
      if (len === undefined || pos + len > end) return false;
      if (field === NESTED[depth] && !wellFramed(buf, pos, pos + len, depth + 1)) return false;
      pos += len;
    } else return false;
  }
  return true;
}

export async function startFakeOtlp(options: FakeOtlpOptions): Promise<FakeOtlp> {
  const path = options.path ?? "/v1/traces";
  const headerName = options.headerName ?? "x-api-key";
  const headerValue = options.headerValue ?? "otlp-fake-secret-0001";
  let mode: FakeOtlpMode = "normal";
  const requests: FakeOtlp["requests"] = [];
  const spans: DecodedSpan[] = [];
  const exports: FakeOtlp["exports"] = [];

  const server = https.createServer({ cert: options.cert, key: options.key }, (req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const contentType = String(req.headers["content-type"] ?? "");
      const contentEncoding = String(req.headers["content-encoding"] ?? "");
      const encoding = contentEncoding.trim().toLowerCase();
      const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
      const pathname = new URL(req.url ?? "/", "https://localhost").pathname;
      const isExport = pathname === path && req.method === "POST";
      let spanCount = 0;
      const send = (status: number, type: string, payload: string | Buffer, headers: Record<string, string> = {}) => {
        if (isExport) {
          exports.push({ status, spanCount, contentType, contentEncoding, bytes: body.length, headers: req.headers });
        }
        res.writeHead(status, { "content-type": type, ...headers });
        res.end(payload);
      };
      // Error bodies are a google.rpc.Status in the request's encoding, as the spec asks.
      const status = (httpStatus: number, code: number, message: string, headers: Record<string, string> = {}) =>
        mediaType === PROTOBUF
          ? send(
              httpStatus,
              PROTOBUF,
              Buffer.concat([varintField(1, code), lenField(2, Buffer.from(message))]),
              headers,
            )
          : send(httpStatus, JSON_TYPE, JSON.stringify({ code, message }), headers);

      // A misconfigured proxy in front of the receiver that repeats the request's headers.
      if (mode === "echo-headers") {
        return send(
          500,
          "text/plain; charset=utf-8",
          `upstream error; request headers: ${JSON.stringify(req.headers)}`,
        );
      }
      if (mode === "html") {
        return send(200, "text/html; charset=utf-8", "<!doctype html><html><body><h1>Welcome</h1></body></html>");
      }
      // Authentication is a layer in front of the receiver: JSON whatever the request's encoding.
      const unauthenticated = () => send(401, JSON_TYPE, JSON.stringify({ code: 16, message: "unauthenticated" }));
      if (mode === "unauthorized") return unauthenticated();
      if (pathname !== path) return send(404, "text/plain; charset=utf-8", "404 page not found");
      if (!isExport) return send(405, "text/plain; charset=utf-8", "405 method not allowed, supported: [POST]");
      if (mode === "down-503") return status(503, UNAVAILABLE, "fake: receiver unavailable");
      // A receiver that refuses the spans themselves (not retried: they become dead letters).
      if (mode === "reject-400") return status(400, INVALID_ARGUMENT, "fake: spans refused");
      if (req.headers[headerName.toLowerCase()] !== headerValue) return unauthenticated();
      if (mode === "rate-limited") {
        return status(429, RESOURCE_EXHAUSTED, "fake: rate limited", { "retry-after": "1" });
      }
      if (mediaType !== PROTOBUF && mediaType !== JSON_TYPE) {
        return status(415, INVALID_ARGUMENT, `unsupported content type ${contentType}`);
      }
      if (encoding !== "" && encoding !== "gzip") {
        return status(400, INVALID_ARGUMENT, `unsupported Content-Encoding ${contentEncoding}`);
      }
      let decoded: DecodedSpan[];
      try {
        const raw = encoding === "gzip" ? gunzipSync(body) : body;
        if (mediaType === PROTOBUF && !wellFramed(raw)) throw new Error("malformed protobuf");
        // Already gunzipped: hand over the content type only.
        decoded = decodeExportRequest(raw, { "content-type": mediaType });
      } catch (err) {
        return status(400, INVALID_ARGUMENT, `fake: cannot decode request: ${(err as Error).message}`);
      }
      spans.push(...decoded);
      spanCount = decoded.length;
      if (mode !== "partial-success") return send(200, mediaType, mediaType === PROTOBUF ? Buffer.alloc(0) : "{}");
      // The receiver took the request but says it dropped every span in it.
      const errorMessage = "fake: spans rejected";
      if (mediaType === PROTOBUF) {
        const partial = Buffer.concat([varintField(1, spanCount), lenField(2, Buffer.from(errorMessage))]);
        return send(200, PROTOBUF, lenField(1, partial));
      }
      // OTLP JSON writes int64 as a string.
      send(200, JSON_TYPE, JSON.stringify({ partialSuccess: { rejectedSpans: String(spanCount), errorMessage } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://localhost:${port}`;
  return {
    url,
    tracesUrl: url + path,
    port,
    headerName,
    headerValue,
    setMode: (m) => {
      mode = m;
    },
    spans,
    exports,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
