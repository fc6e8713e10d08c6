import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodedBody, UnsupportedEncodingError } from "./body-encoding";

const streamOf = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]).stream();
const text = async (stream: ReadableStream<Uint8Array> | null) => new Response(stream).text();

describe("decodedBody", () => {
  const json = '[{"id":"a"}]';

  it.each([null, "", "identity", " Identity "])("passes a body with Content-Encoding %j through", async (header) => {
    expect(await text(decodedBody(streamOf(Buffer.from(json)), header))).toBe(json);
  });

  it.each(["gzip", "GZIP", "x-gzip"])("inflates a body with Content-Encoding %j", async (header) => {
    expect(await text(decodedBody(streamOf(gzipSync(json)), header))).toBe(json);
  });

  it.each(["br", "deflate", "gzip, br"])("refuses Content-Encoding %j", (header) => {
    expect(() => decodedBody(streamOf(Buffer.from(json)), header)).toThrow(UnsupportedEncodingError);
  });
});
