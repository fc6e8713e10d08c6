import { describe, expect, it } from "vitest";
import { encodeSpanFrame } from "./span-frame";
import { encodeSpanJson } from "./span-json";
import { spanStrings } from "./span-summary";
import type { MappedSpan } from "../tracing/span-mapping";

const span: MappedSpan = {
  traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
  spanId: "00f067aa0ba902b7",
  name: "chat gpt-4o",
  startTimeUnixNano: "1764000000000000000",
  endTimeUnixNano: "1764000001000000000",
  attributes: {
    "gen_ai.input.messages": "the patient's prompt",
    "gen_ai.request.model": "gpt-4o",
    "gen_ai.usage.input_tokens": 412,
    "aptible.request.id": "chatcmpl-123",
    "langfuse.trace.tags": ["a", "b"],
  },
  status: { code: 2, message: "boom" },
};
const wanted = ["aptible.request.id", "gen_ai.request.model"] as const;

describe("reading a stored span's identifying attributes", () => {
  it("reads them from the protobuf frame and from OTLP/JSON, and nothing else", () => {
    const expected = { "aptible.request.id": "chatcmpl-123", "gen_ai.request.model": "gpt-4o" };
    expect(spanStrings(encodeSpanFrame(span), false, wanted)).toEqual(expected);
    expect(spanStrings(Buffer.from(encodeSpanJson(span)), true, wanted)).toEqual(expected);
  });
  it("gives nothing, rather than throwing, for bytes it cannot read", () => {
    expect(spanStrings(Buffer.from([0x12, 0xff, 0xff, 0xff]), false, wanted)).toEqual({});
    expect(spanStrings(Buffer.from("{not json"), true, wanted)).toEqual({});
  });
  it("reads them from the start of a large frame, and never reports an attribute cut short", () => {
    const large: MappedSpan = {
      ...span,
      attributes: { ...span.attributes, "langfuse.observation.input": "prompt text ".repeat(400_000) },
    };
    const frame = encodeSpanFrame(large);
    expect(frame.length).toBeGreaterThan(4_000_000);
    const expected = { "aptible.request.id": "chatcmpl-123", "gen_ai.request.model": "gpt-4o" };
    expect(spanStrings(frame.subarray(0, 4096), false, wanted)).toEqual(expected);
    const at = frame.indexOf("chatcmpl-123");
    expect(spanStrings(frame.subarray(0, at + 5), false, wanted)).toEqual({ "gen_ai.request.model": "gpt-4o" });
  });
});
