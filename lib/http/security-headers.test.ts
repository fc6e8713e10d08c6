import { describe, expect, it } from "vitest";
import { answerHeaders } from "./security-headers";

const names = (https: boolean) => answerHeaders(https).map((h) => h.key.toLowerCase());

describe("the headers server.ts puts on every answer", () => {
  it("tell browsers to keep to HTTPS when the dashboard is served over it, for a year", () => {
    expect(names(true)).toEqual(expect.arrayContaining(["x-content-type-options", "x-frame-options"]));
    const hsts = answerHeaders(true).find((h) => h.key === "Strict-Transport-Security");
    expect(hsts?.value).toBe("max-age=31536000");
  });

  it("do not over plain HTTP (local and development use), where HSTS would lock the browser out", () => {
    expect(names(false)).not.toContain("strict-transport-security");
    expect(names(false)).toContain("x-frame-options");
  });
});
