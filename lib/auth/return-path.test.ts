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
    ["/\t/evil.example/x", null],
    ["/%09/evil.example/x", "/%09/evil.example/x"],
    ["/\n/evil.example/x", null],
    ["/\r/evil.example/x", null],
    ["/ /evil.example", "/%20/evil.example"],
    ["/\\/evil.example", null],
    ["/./../x?y#z", "/x?y#z"],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
