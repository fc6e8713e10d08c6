import { describe, expect, it } from "vitest";
import { base64Bytes, blobPart, urlPart, withoutBinary } from "./media";

describe("binary content", () => {
  it("never forwards base64 bytes, keeping the media type and decoded size", () => {
    const data = Buffer.alloc(3 * 1024 * 1024).toString("base64");
    expect(base64Bytes(data)).toBe(3 * 1024 * 1024);
    expect(blobPart(data, "image/png", "image")).toEqual({
      type: "blob",
      modality: "image",
      mime_type: "image/png",
      content: "[image/png data, 3.0 MB, not forwarded]",
    });
    expect(urlPart(`data:audio/wav;base64,${data}`, "audio")).toMatchObject({
      mime_type: "audio/wav",
      content: "[audio/wav data, 3.0 MB, not forwarded]",
    });
  });

  it("reads the size LiteLLM leaves in an already truncated data URI", () => {
    expect(urlPart("data:image/jpeg;base64,[base64_data truncated: 182.4KB]", "image")).toMatchObject({
      content: "[image/jpeg data, 182.4 KB, not forwarded]",
    });
  });

  it("keeps URLs as URIs", () => {
    expect(urlPart("https://example.com/a.png", "image")).toEqual({
      type: "uri",
      modality: "image",
      uri: "https://example.com/a.png",
    });
  });

  it("scrubs base64 from unknown structures but leaves prose, ids and URLs", () => {
    const blob = Buffer.alloc(2048, 1).toString("base64");
    const prose = "word ".repeat(300);
    expect(withoutBinary({ a: [blob, prose], b: "https://x.example/y", c: 5 })).toEqual({
      a: ["[binary data, 2.0 KB, not forwarded]", prose],
      b: "https://x.example/y",
      c: 5,
    });
  });
});
