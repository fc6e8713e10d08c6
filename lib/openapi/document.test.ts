import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

type Schema = {
  properties?: Record<string, { pattern?: string; const?: unknown; maxLength?: number }>;
  required?: string[];
};

describe("OpenAPI document", () => {
  const doc = openApiDocument() as {
    openapi: string;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, Schema> };
  };

  it("is OpenAPI 3.1 and lists every drain endpoint", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/environments/{environmentId}/llm-trace-drains",
        "/api/environments/{environmentId}/llm-trace-drains/{drainId}",
        "/api/environments/{environmentId}/llm-trace-drains/{drainId}/test-connection",
        "/api/admin/organizations/{organizationId}",
      ]),
    );
  });

  it("derives request bodies from the handlers' zod schemas", () => {
    const create = doc.components.schemas.CreateLlmTraceDrain!;
    expect(create.required).toEqual(
      expect.arrayContaining(["type", "handle", "baseUrl", "publicKey", "secretKey", "acknowledgeContentForwarding"]),
    );
    expect(create.properties?.handle?.pattern).toBe("^[a-z0-9][a-z0-9._-]*$");
    expect(create.properties?.handle?.maxLength).toBe(64);
  });

  it("documents no secret in any response schema", () => {
    const drain = doc.components.schemas.LlmTraceDrain!;
    expect(Object.keys(drain.properties ?? {})).not.toContain("secretKey");
    expect(Object.keys(drain.properties ?? {})).toContain("secretKeyHint");
  });
});
