import { describe, expect, it } from "vitest";
import { MAX_LISTED_SKIPS, SkipList } from "./skip-list";

describe("SkipList", () => {
  it("counts every skipped record and lists the lowest indexes, in order, up to the cap", () => {
    const list = new SkipList();
    const indexes = Array.from({ length: 5 * MAX_LISTED_SKIPS }, (_, i) => i).reverse();
    for (const index of indexes) list.add({ index, reason: "not a JSON object" });
    const answer = list.answer();
    expect(answer.skippedCount).toBe(5 * MAX_LISTED_SKIPS);
    expect(answer.skipped.map((s) => s.index)).toEqual(Array.from({ length: MAX_LISTED_SKIPS }, (_, i) => i));
  });

  it("lists all of a few, by index", () => {
    const list = new SkipList();
    for (const index of [7, 2, 5]) list.add({ index, reason: "malformed JSON" });
    expect(list.answer()).toEqual({ skipped: [2, 5, 7].map((index) => ({ index, reason: "malformed JSON" })) });
  });
});
