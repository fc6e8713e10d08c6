import { describe, expect, it } from "vitest";
import { BodyParseError, parseIngestBody, replaceNonFiniteTokens } from "./parse-body";

describe("parseIngestBody", () => {
  it("reads a JSON array, a single object, and NDJSON", () => {
    expect(parseIngestBody('[{"id":"a"},{"id":"b"}]').records).toEqual([{ id: "a" }, { id: "b" }]);
    expect(parseIngestBody('{"id":"a"}').records).toEqual([{ id: "a" }]);
    expect(parseIngestBody('{"id":"a"}\n{"id":"b"}\n').records).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("tolerates Python's NaN and Infinity outside strings, and leaves strings alone", () => {
    const body = '[{"cost":NaN,"x":Infinity,"y":-Infinity,"s":"NaN Infinity \\"NaN\\"","t":[NaN]}]';
    expect(parseIngestBody(body).records).toEqual([
      { cost: null, x: null, y: null, s: 'NaN Infinity "NaN"', t: [null] },
    ]);
  });

  it("reports a malformed NDJSON line by index and keeps the others", () => {
    const parsed = parseIngestBody('{"id":"a"}\n{"id": oops}\n{"id":"c"}');
    expect(parsed.records).toEqual([{ id: "a" }, undefined, { id: "c" }]);
    expect(parsed.lineErrors).toEqual([{ index: 1, reason: "malformed JSON line" }]);
  });

  it.each(["", "   ", '[{"id":1}', "not json at all", "[1,2"])("rejects %j as a whole", (body) => {
    expect(() => parseIngestBody(body)).toThrow(BodyParseError);
  });

  it("leaves valid JSON untouched", () => {
    const text = '{"a":"Infinity"}';
    expect(replaceNonFiniteTokens(text)).toBe(text);
  });
});
