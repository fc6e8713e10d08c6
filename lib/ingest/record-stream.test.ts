import { describe, expect, it } from "vitest";
import { RecordSplitter, type RawRecord } from "./record-stream";
import { parseRecord, replaceNonFiniteTokens } from "./parse-record";

/** Splits a body fed in chunks of `chunk` bytes; returns each record's text or error. */
function split(body: string, chunk = 7, maxRecordBytes?: number): (string | { error: string })[] {
  const splitter = new RecordSplitter(maxRecordBytes);
  const bytes = Buffer.from(body, "utf8");
  const out: RawRecord[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...splitter.push(bytes.subarray(i, i + chunk)));
  out.push(...splitter.end());
  expect(out.map((r) => r.index)).toEqual(out.map((_, i) => i));
  return out.map((r) => ("error" in r ? { error: r.error } : r.bytes.toString("utf8").trim()));
}

describe("RecordSplitter", () => {
  it.each([1, 3, 7, 1000])("splits a JSON array into its records, whatever the chunk size (%i)", (chunk) => {
    const body = ' [ {"a":"x,y]}"}, {"b":[1,{"c":"\\"}"}]} ,42,null, "s" ]\n';
    expect(split(body, chunk)).toEqual(['{"a":"x,y]}"}', '{"b":[1,{"c":"\\"}"}]}', "42", "null", '"s"']);
  });

  it("splits NDJSON and a single record", () => {
    expect(split('{"a":1}\n{"b":2}\r\n\n{"c":"line\\nbreak"}')).toEqual(['{"a":1}', '{"b":2}', '{"c":"line\\nbreak"}']);
    expect(split('{"only": true}')).toEqual(['{"only": true}']);
    expect(split('{\n  "pretty": [1,\n 2]\n}\n')).toEqual(['{\n  "pretty": [1,\n 2]\n}']);
  });

  it.each([
    ["a JSON array", (r: string[]) => `[${r.join(",")}]`],
    ["NDJSON", (r: string[]) => r.join("\n")],
  ])("skips a record over the size limit in %s without holding it, and keeps the rest", (_format, body) => {
    const big = JSON.stringify({ prompt: "A".repeat(5000), nested: [{ "]": "}" }] });
    const out = split(body(['{"a":1}', big, '{"b":2}']), 64, 1024);
    expect(out).toEqual(['{"a":1}', { error: "record larger than 1 KB (INGEST_MAX_RECORD_BYTES)" }, '{"b":2}']);
  });

  it("holds no more than the size limit of a record too large, even one that never ends", () => {
    const splitter = new RecordSplitter(1024);
    splitter.push(Buffer.from('[{"prompt":"'));
    for (let i = 0; i < 100; i++) splitter.push(Buffer.alloc(4096, 65));
    expect((splitter as unknown as { pendingBytes: number }).pendingBytes).toBeLessThanOrEqual(1024);
    expect([...splitter.end()]).toEqual([expect.objectContaining({ index: 0, tooLarge: true })]);
  });

  it("keeps multi-byte characters whole across chunk boundaries", () => {
    const body = JSON.stringify([{ t: "€😀ü" }, { t: "日本" }]);
    expect(split(body, 1).map((t) => JSON.parse(t as string))).toEqual([{ t: "€😀ü" }, { t: "日本" }]);
  });

  it("reports a truncated array's last record and keeps the complete ones", () => {
    expect(split('[{"a":1},{"b":2},{"c":')).toEqual([
      '{"a":1}',
      '{"b":2}',
      { error: expect.stringMatching(/truncated/) },
    ]);
  });

  it("recovers the NDJSON lines after an unbalanced one", () => {
    expect(split('{"a":1}\n{"broken": [\n{"c":3}\n')).toEqual(['{"a":1}', '{"broken": [', '{"c":3}']);
  });

  it("recovers lines one at a time: a swallowed tail of millions of lines is never held as records at once", () => {
    const splitter = new RecordSplitter();
    splitter.push(Buffer.from(`{\n${"1\n".repeat(2_000_000)}`));
    const before = process.memoryUsage().heapUsed;
    const records = splitter.end();
    const firstTen = Array.from({ length: 10 }, () => records.next().value as { index: number; bytes: Buffer });
    expect(firstTen.map((r) => r.bytes.toString())).toEqual(["{", ...Array.from({ length: 9 }, () => "1")]);
    expect(firstTen[9]!.index).toBe(9);
    // Two million records built at once took hundreds of megabytes (an attacker's gzip body of
    // such lines ran the server out of memory); ten take next to nothing.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
    let rest = 0;
    for (const record of records) if ("bytes" in record) rest++;
    expect(rest).toBe(2_000_000 - 9);
  });

  it("measures nesting depth without parsing", () => {
    const splitter = new RecordSplitter();
    const deep = `[${"[".repeat(5000)}${"]".repeat(5000)}, {"a":{"b":1}}]`;
    const [first, second] = [...splitter.push(Buffer.from(deep)), ...splitter.end()] as { depth: number }[];
    expect(first!.depth).toBe(5000);
    expect(second!.depth).toBe(2);
  });
});

describe("parseRecord", () => {
  const raw = (text: string, depth = 1) => ({ index: 0, bytes: Buffer.from(text), depth });

  it("tolerates Python's NaN and Infinity outside strings, and leaves strings alone", () => {
    expect(parseRecord(raw('{"cost":NaN,"x":Infinity,"y":-Infinity,"s":"NaN Infinity \\"NaN\\"","t":[NaN]}'))).toEqual({
      value: { cost: null, x: null, y: null, s: 'NaN Infinity "NaN"', t: [null] },
    });
    expect(replaceNonFiniteTokens('{"a":"Infinity"}')).toBe('{"a":"Infinity"}');
  });

  it("refuses malformed JSON and excessive depth with a reason", () => {
    expect(parseRecord(raw('{"id": oops}'))).toEqual({ error: "malformed JSON" });
    expect(parseRecord(raw("[[]]", 65))).toEqual({ error: "nested deeper than 64 levels" });
  });
});
