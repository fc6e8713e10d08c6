import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi/document";
import { apiMethodTable } from "./api-methods";

describe("apiMethodTable", () => {
  const table = apiMethodTable({
    "/api/health": { get: {}, summary: "x" },
    "/api/environments/{environmentId}/llm-trace-drains/{drainId}": { get: {}, patch: {}, delete: {} },
    "/api/internal/ai-gateway/logs": { post: {}, parameters: [] },
  });

  it("lists a path's methods, with HEAD for GET and OPTIONS for every route", () => {
    expect(table("/api/health")).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(table("/api/internal/ai-gateway/logs")).toEqual(["POST", "OPTIONS"]);
  });

  it("matches a template's parameters one segment each", () => {
    expect(table("/api/environments/e1/llm-trace-drains/d1")).toEqual(["GET", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
    expect(table("/api/environments/e1/x/llm-trace-drains/d1")).toBeUndefined();
    expect(table("/api/environments/e1/llm-trace-drains/d1/extra")).toBeUndefined();
  });

  it("knows nothing of paths outside the document", () => {
    expect(table("/api/nowhere")).toBeUndefined();
    expect(table("/api/healthz")).toBeUndefined();
  });

  it("reads the real document: the ingest endpoint takes POST only", () => {
    const real = apiMethodTable(openApiDocument().paths as Record<string, Record<string, unknown>>);
    expect(real("/api/internal/ai-gateway/logs")).toEqual(["POST", "OPTIONS"]);
    expect(real("/api/environments/abc/llm-trace-drains")).toContain("POST");
  });
});
