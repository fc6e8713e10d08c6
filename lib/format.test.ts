import { describe, expect, it } from "vitest";
import { countOf, formatDateTime, relativeTo } from "./format";

describe("times as the pages show them", () => {
  const at = Date.parse("2026-11-27T12:00:00Z");
  it.each([
    ["2026-11-27T11:59:40Z", "just now"],
    ["2026-11-27T11:55:00Z", "5 min ago"],
    ["2026-11-27T09:00:00Z", "3 h ago"],
    ["2026-11-24T12:00:00Z", "3 days ago"],
  ])("%s is %s", (iso, words) => {
    expect(relativeTo(iso, at)).toBe(words);
  });
  it("writes the exact time in UTC, the same on server and client", () => {
    expect(formatDateTime("2026-11-27T09:05:31.123Z")).toBe("2026-11-27 09:05 UTC");
  });
});

describe("counts as the pages show them", () => {
  it("puts the noun in the plural except for one, and groups thousands", () => {
    expect(countOf(1, "span")).toBe("1 span");
    expect(countOf(0, "record")).toBe("0 records");
    expect(countOf(12345, "hour")).toBe("12,345 hours");
  });
});
