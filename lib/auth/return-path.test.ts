import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/orgs/acme/environments?tab=1", "/orgs/acme/environments?tab=1"],
    ["/", "/"],
    ["https://evil.example/", null],
    ["//evil.example/", null],
    ["/\\evil.example", null],
    ["/sign-in?next=/x", null],
    ["/api/organizations", null],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
