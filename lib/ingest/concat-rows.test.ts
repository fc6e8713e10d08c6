import { describe, expect, it } from "vitest";
import { concatRows, type SealedRows } from "./seal-slice";

function rowsOf(payloads: string[], drain: string): SealedRows {
  const bytes = Buffer.from(payloads.join(""));
  const offsets: number[] = [];
  let at = 0;
  for (const p of payloads) {
    offsets.push(at);
    at += p.length;
  }
  return {
    payloads: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    offsets,
    lengths: payloads.map((p) => p.length),
    drainIds: payloads.map(() => drain),
    spanIds: payloads.map((p) => `span-${p}`),
    sizeBytes: payloads.map((p) => p.length * 2),
    formats: payloads.map(() => 2),
  };
}

describe("concatRows", () => {
  it("keeps every row's payload, drain and span together when slices of several requests are stored as one", () => {
    const merged = concatRows([rowsOf(["aa", "bbb"], "d1"), rowsOf(["c"], "d2"), rowsOf(["dddd", "e"], "d1")]);
    const bytes = Buffer.from(merged.payloads);
    const payloadOf = (i: number) => bytes.toString("utf8", merged.offsets[i], merged.offsets[i]! + merged.lengths[i]!);
    expect([0, 1, 2, 3, 4].map(payloadOf)).toEqual(["aa", "bbb", "c", "dddd", "e"]);
    expect(merged.spanIds).toEqual(["span-aa", "span-bbb", "span-c", "span-dddd", "span-e"]);
    expect(merged.drainIds).toEqual(["d1", "d1", "d2", "d1", "d1"]);
    expect(merged.sizeBytes).toEqual([4, 6, 2, 8, 2]);
  });
});
