import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./cross-site";

const h = (entries: Record<string, string>) => new Headers({ host: "dash.example:3000", ...entries });

describe("isCrossSiteRequest", () => {
  it.each([
    ["POST", { "sec-fetch-site": "same-origin" }, false],
    ["POST", { "sec-fetch-site": "none" }, false],
    ["POST", { "sec-fetch-site": "same-site" }, true],
    ["DELETE", { "sec-fetch-site": "cross-site" }, true],
    ["POST", { origin: "http://dash.example:3000" }, false],
    ["POST", { origin: "http://dash.example:4000" }, true],
    ["PATCH", { origin: "https://evil.example" }, true],
    ["POST", { origin: "null" }, true],
    ["POST", {}, false],
    ["GET", { "sec-fetch-site": "cross-site" }, false],
  ] as const)("%s with %j → %s", (method, headers, crossSite) => {
    expect(isCrossSiteRequest(method, h(headers))).toBe(crossSite);
  });

  it("believes X-Forwarded-Host only behind a trusted proxy", () => {
    const forged = h({ origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(isCrossSiteRequest("POST", forged)).toBe(true);
    const proxied = h({ origin: "https://dash.example", "x-forwarded-host": "dash.example" });
    expect(isCrossSiteRequest("POST", proxied, true)).toBe(false);
  });
});
