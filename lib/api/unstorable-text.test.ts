import { describe, expect, it } from "vitest";
import { storableText, unstorableText } from "./unstorable-text";

describe("text PostgreSQL cannot store", () => {
  it("names the field of a NUL or of half a surrogate pair", () => {
    expect(unstorableText({ handle: "a\u0000b" })).toEqual({
      path: "handle",
      problem: "Remove the NUL character (U+0000)",
    });
    expect(unstorableText({ controls: { filters: { models: ["ok", "gpt\ud800x"] } } })).toEqual({
      path: "controls.filters.models.1",
      problem: "Remove the broken character (half of a UTF-16 surrogate pair)",
    });
    expect(unstorableText({ note: "x\udc00" })?.path).toBe("note");
  });

  it("lets whole pairs (emoji) and ordinary text through", () => {
    expect(unstorableText({ name: "triage 🩺 café", list: ["a", { b: "c" }] })).toBeNull();
  });

  it("makes a destination's text storable", () => {
    expect(storableText("bad\u0000byte \ud83d")).toBe("badbyte \ufffd");
    expect(storableText("ok 🩺")).toBe("ok 🩺");
  });
});
