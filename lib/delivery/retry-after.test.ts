import { describe, expect, it } from "vitest";
import { classifyResponse, retryAfterMs } from "./otlp-export";

describe("a destination's Retry-After", () => {
  const now = Date.parse("2026-11-28T12:00:00Z");

  it("is read as seconds or an HTTP date", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Sat, 28 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs(["7", "9"], now)).toBe(7_000);
  });

  it("waits at least a second, so an answer of 0 cannot make delivery retry in a busy loop", () => {
    expect(retryAfterMs("0", now)).toBe(1_000);
    expect(retryAfterMs("0.01", now)).toBe(1_000);
    expect(retryAfterMs("Sat, 28 Nov 2026 12:00:00 GMT", now)).toBe(1_000);
    expect(classifyResponse(503, Buffer.from("busy"), { "retry-after": "0" })).toMatchObject({
      kind: "retryable",
      retryAfterMs: 1_000,
    });
  });

  it("waits at most an hour, and ignores what it cannot read", () => {
    expect(retryAfterMs("86400", now)).toBe(3_600_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs("-5", now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
