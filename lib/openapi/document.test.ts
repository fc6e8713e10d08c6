import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { openApiDocument } from "./document";

type Schema = {
  properties?: Record<string, { pattern?: string; const?: unknown; maxLength?: number }>;
  required?: string[];
  oneOf?: Schema[];
};
/** The variant of a drain schema for one destination type. */
const variant = (schema: Schema, type: string) => schema.oneOf!.find((v) => v.properties?.type?.const === type)!;

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

  it("derives request bodies from the handlers' zod schemas, one variant per destination", () => {
    const create = doc.components.schemas.CreateLlmTraceDrain!;
    const langfuse = variant(create, "langfuse");
    expect(langfuse.required).toEqual(
      expect.arrayContaining(["type", "handle", "baseUrl", "publicKey", "secretKey", "acknowledgeContentForwarding"]),
    );
    expect(langfuse.properties?.handle?.pattern).toBe("^[a-z0-9][a-z0-9._-]*$");
    expect(langfuse.properties?.handle?.maxLength).toBe(64);
    expect(variant(create, "otlp").required).toEqual(
      expect.arrayContaining(["type", "handle", "endpoint", "acknowledgeContentForwarding"]),
    );
  });

  it("documents no secret in any response schema", () => {
    const drain = doc.components.schemas.LlmTraceDrain!;
    const langfuse = Object.keys(variant(drain, "langfuse").properties ?? {});
    expect(langfuse).not.toContain("secretKey");
    expect(langfuse).toContain("secretKeyHint");
    const otlp = Object.keys(variant(drain, "otlp").properties ?? {});
    expect(otlp).not.toContain("headers");
    expect(otlp).toContain("headerNames");
  });
});

describe("every route is documented", () => {
  // The routes come from the file system, so a new handler cannot be left out of the contract.
  const root = path.join(process.cwd(), "app/api");
  const routes = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith("route.ts") && !f.includes("[..."))
    .map((f) => {
      const source = fs.readFileSync(path.join(root, f), "utf8");
      const methods = [
        ...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]!.toLowerCase());
      const apiPath = `/api/${path.dirname(f)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, "");
      return { apiPath, methods };
    });

  it("finds the routes", () => {
    expect(routes.length).toBeGreaterThan(15);
  });

  it.each(routes.flatMap((r) => r.methods.map((m) => [m.toUpperCase(), r.apiPath] as const)))("%s %s", (method, p) => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths[p]?.[method.toLowerCase()], `${method} ${p} is not in the OpenAPI document`).toBeDefined();
  });
});
