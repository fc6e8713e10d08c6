import { describe, expect, it } from "vitest";
import { gunzipSync, gzipSync } from "node:zlib";
import { decodeExportRequest, decodeProtobufRequest } from "@/test/support/otlp-decode";
import type { MappedSpan } from "../tracing/span-mapping";
import { encodeSpanFrame } from "./span-frame";
import { gzipRequest, partialSuccess, requestHeader, SCOPE, SERVICE_NAME } from "./export-request";
import { ProtobufWriter, readVarint } from "./protobuf";

const span = (overrides: Partial<MappedSpan> = {}): MappedSpan => ({
  traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
  spanId: "00f067aa0ba902b7",
  name: "chat gpt-4o",
  startTimeUnixNano: "1795766400125000000",
  endTimeUnixNano: "1795766401875000000",
  attributes: {
    "gen_ai.operation.name": "chat",
    "gen_ai.usage.input_tokens": 1085,
    "gen_ai.usage.cost": 0.0049625,
    "aptible.cache.hit": false,
    "aptible.latency.total_ms": 0,
    "aptible.test.negative": -42,
    "aptible.test.big": 2 ** 52,
    "langfuse.trace.tags": ["User-Agent: OpenAI", "cache-hit", "日本語"],
    "gen_ai.input.messages": JSON.stringify([
      { role: "user", parts: [{ type: "text", content: "€ 😀 ".repeat(2000) }] },
    ]),
  },
  status: { code: 0 },
  ...overrides,
});

describe("span frames and export requests", () => {
  it("round-trip every attribute type, the times and the ids through a receiver's decoding", () => {
    const s = span();
    const frame = encodeSpanFrame(s);
    const [decoded] = decodeProtobufRequest(Buffer.concat([requestHeader(frame.length), frame]));
    expect(decoded).toEqual({
      traceId: s.traceId,
      spanId: s.spanId,
      name: s.name,
      kind: 3,
      startTimeUnixNano: s.startTimeUnixNano,
      endTimeUnixNano: s.endTimeUnixNano,
      status: {},
      attributes: s.attributes,
      resource: { "service.name": SERVICE_NAME, "telemetry.sdk.language": "nodejs" },
      scope: SCOPE,
    });
  });

  it("carries an error status with its message", () => {
    const frame = encodeSpanFrame(span({ status: { code: 2, message: "RateLimitError (429)" } }));
    const [decoded] = decodeProtobufRequest(Buffer.concat([requestHeader(frame.length), frame]));
    expect(decoded!.status).toEqual({ code: 2, message: "RateLimitError (429)" });
  });

  it("assembles a gzip request from stored gzip members without recompressing them", () => {
    const frames = [span(), span({ spanId: "00f067aa0ba902b8", name: "embeddings x" })].map((s) => encodeSpanFrame(s));
    const members = frames.map((f) => gzipSync(f));
    const body = gzipRequest(
      members,
      frames.reduce((n, f) => n + f.length, 0),
    );
    expect(body.subarray(body.length - members[1]!.length)).toEqual(members[1]);
    expect(gunzipSync(body)).toEqual(Buffer.concat([requestHeader(frames[0]!.length + frames[1]!.length), ...frames]));
    const spans = decodeExportRequest(body, { "content-type": "application/x-protobuf", "content-encoding": "gzip" });
    expect(spans.map((s) => s.spanId)).toEqual(["00f067aa0ba902b7", "00f067aa0ba902b8"]);
  });

  it("reads OTLP partial success from protobuf and JSON responses", () => {
    const message = "2 spans had invalid ids";
    const inner = new ProtobufWriter(2 + 2 + Buffer.byteLength(message))
      .tag(1, 0)
      .varint(2)
      .string(2, message, Buffer.byteLength(message))
      .finish();
    const protobuf = new ProtobufWriter(2 + inner.length).bytes(1, inner).finish();
    expect(partialSuccess(protobuf, "application/x-protobuf")).toEqual({ rejectedSpans: 2, errorMessage: message });
    const json = Buffer.from(JSON.stringify({ partialSuccess: { rejectedSpans: "3", errorMessage: "bad" } }));
    expect(partialSuccess(json, "application/json")).toEqual({ rejectedSpans: 3, errorMessage: "bad" });
    expect(partialSuccess(Buffer.from("{}"), "application/json")).toBeUndefined();
    expect(partialSuccess(Buffer.alloc(0), "application/x-protobuf")).toBeUndefined();
  });

  it("reads a malformed protobuf answer as no partial success, without reading past its end", () => {
    // A destination's 2xx body is untrusted: a varint cut short (one byte 0x80) once spun
    // the delivery thread forever.
    const answers = [
      [0x80],
      [0x0a, 0x80],
      [0x0a, 0x04, 0x08, 0x80],
      [0x0a, 0x0c, 0x08, ...Array(11).fill(0xff), 0x01],
      [0x0a, 0x7f, 0x08, 0x02],
    ];
    for (const bytes of answers) {
      expect(partialSuccess(Buffer.from(bytes), "application/x-protobuf"), bytes.join(",")).toBeUndefined();
    }
    expect(() => readVarint(Buffer.from([0x80]), 0)).toThrow("truncated");
    expect(() => readVarint(Buffer.from(Array(11).fill(0xff)), 0)).toThrow("10 bytes");
    expect(readVarint(Buffer.from([0x96, 0x01]), 0)).toEqual([150, 2]);
  });
});
