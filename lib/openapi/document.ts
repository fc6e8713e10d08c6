import { toJSONSchema, type $ZodType } from "zod/v4/core";
import { redactionPreviewInput } from "../validation/drain-controls";
import {
  createDrainInput,
  updateDrainInput,
  testConnectionInput,
  drainView,
  connectionResult,
} from "../validation/llm-trace-drains";
import { createLlmKeyInput, llmKeyView, createdLlmKey } from "../validation/llm-keys";
import { updateOrganizationFlagsInput, adminOrganizationView, ingestPipelineView } from "../validation/admin";
import { signInInput } from "../validation/auth";
import { apiErrorBody } from "../api/error-body";

// The OpenAPI 3.1 document, generated from the same zod schemas the handlers parse with,
// so the published contract cannot drift from what the server enforces.

type Json = Record<string, unknown>;
const input = (schema: $ZodType): Json => toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json;
const output = (schema: $ZodType): Json => toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as Json;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(ref("Error")) });

const errors = {
  "401": error("Not signed in"),
  "403": error(
    "Forbidden, or `feature_not_enabled` when the organization lacks a signed BAA or AI Gateway beta enrollment",
  ),
  "404": error("Unknown id, or an id of another organization"),
};
const writeErrors = {
  ...errors,
  "400": error("Malformed JSON"),
  "403": error(
    "Forbidden (a cross-site request, or a role without the permission), or `feature_not_enabled` when the organization lacks a signed BAA or AI Gateway beta enrollment",
  ),
  "413": error("Body too large"),
  "415": error("The body is not application/json"),
  "422": error("Validation failed; `fields` maps each field to its message"),
};
/** State-changing requests without a body: the same errors but the body's. */
const actionErrors = {
  ...errors,
  "403": writeErrors["403"],
};
const limited = { "429": error("Rate limited; see Retry-After") };
const orgParam = { name: "organizationId", in: "path", required: true, schema: { type: "string", format: "uuid" } };

const keyParam = { name: "keyId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const envParam = { name: "environmentId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const drainParam = { name: "drainId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const deadLetterParam = {
  name: "deadLetterId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[1-9][0-9]{0,17}$" },
};

export function openApiDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Dashboard API",
      version: "1.0.0",
      description:
        "Environments, LLM keys and LLM Trace Drains. Authenticate with the session cookie from POST /api/auth/sign-in.",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "tdash_session" },
        gatewayToken: { type: "http", scheme: "bearer" },
      },
      schemas: {
        Error: output(apiErrorBody),
        SignIn: input(signInInput),
        LlmKey: output(llmKeyView),
        CreateLlmKey: input(createLlmKeyInput),
        CreatedLlmKey: output(createdLlmKey),
        LlmTraceDrain: output(drainView),
        CreateLlmTraceDrain: input(createDrainInput),
        UpdateLlmTraceDrain: input(updateDrainInput),
        TestConnection: input(testConnectionInput),
        ConnectionResult: output(connectionResult),
        AdminOrganization: output(adminOrganizationView),
        IngestPipeline: output(ingestPipelineView),
        UpdateOrganizationFlags: input(updateOrganizationFlagsInput),
      },
    },
    security: [{ session: [] }],
    paths: {
      "/api/auth/sign-in": {
        post: {
          summary: "Sign in",
          security: [],
          requestBody: json(ref("SignIn")),
          responses: {
            "200": { description: "Signed in; sets the session cookie" },
            "401": error("Incorrect email or password"),
            "403": error("A cross-site request"),
            "415": writeErrors["415"],
            "422": writeErrors["422"],
            "429": error("Too many attempts from this address (for this account); see Retry-After"),
          },
        },
      },
      "/api/auth/sign-out": {
        post: {
          summary: "Sign out",
          responses: { "200": { description: "Signed out" }, "403": error("A cross-site request") },
        },
      },
      "/api/organizations": {
        get: {
          summary: "The organizations the caller belongs to, with the caller's role",
          responses: {
            "200": json({
              type: "object",
              properties: { organizations: { type: "array", items: { type: "object" } } },
            }),
            "401": errors["401"],
          },
        },
      },
      "/api/organizations/{organizationId}/environments": {
        parameters: [orgParam],
        get: {
          summary: "The organization's environments",
          responses: {
            "200": json({ type: "object", properties: { environments: { type: "array", items: { type: "object" } } } }),
            ...errors,
          },
        },
      },
      "/api/environments/{environmentId}/llm-keys/{keyId}": {
        parameters: [envParam, keyParam],
        delete: {
          summary: "Revoke an LLM key (kept, revoked, so past gateway logs still attribute)",
          responses: { "200": json({ type: "object", properties: { key: ref("LlmKey") } }), ...actionErrors },
        },
      },
      "/api/openapi.json": {
        get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
      },
      "/api/health": {
        get: {
          summary: "Health",
          security: [],
          responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
        },
      },
      "/api/environments/{environmentId}/llm-keys": {
        parameters: [envParam],
        get: {
          summary: "List LLM keys",
          responses: {
            "200": json({ type: "object", properties: { keys: { type: "array", items: ref("LlmKey") } } }),
            ...errors,
          },
        },
        post: {
          summary: "Create an LLM key (the secret is returned once)",
          requestBody: json(ref("CreateLlmKey")),
          responses: { "201": json(ref("CreatedLlmKey")), ...writeErrors },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains": {
        parameters: [envParam],
        get: {
          summary: "List LLM Trace Drains",
          responses: {
            "200": json({ type: "object", properties: { drains: { type: "array", items: ref("LlmTraceDrain") } } }),
            ...errors,
          },
        },
        post: {
          summary: "Create an LLM Trace Drain",
          requestBody: json(ref("CreateLlmTraceDrain")),
          responses: {
            "201": json({ type: "object", properties: { drain: ref("LlmTraceDrain") } }),
            ...writeErrors,
            "409": error("Handle already used in this environment, or the environment already has 10 drains"),
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/test-connection": {
        parameters: [envParam],
        post: {
          summary: "Test a destination's settings before saving (without `type`: Langfuse)",
          requestBody: json(ref("TestConnection")),
          responses: {
            "200": json({ type: "object", properties: { result: ref("ConnectionResult") } }),
            ...writeErrors,
            ...limited,
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/redaction-preview": {
        parameters: [envParam],
        post: {
          summary: "Try redaction settings on a text (the same code as ingest); custom patterns are RE2",
          requestBody: json(input(redactionPreviewInput)),
          responses: {
            "200": json({
              type: "object",
              properties: {
                result: {
                  type: "object",
                  properties: { text: { type: "string" }, counts: { type: "object" } },
                },
              },
            }),
            ...writeErrors,
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}": {
        parameters: [envParam, drainParam],
        get: {
          summary: "Get an LLM Trace Drain",
          responses: { "200": json({ type: "object", properties: { drain: ref("LlmTraceDrain") } }), ...errors },
        },
        patch: {
          summary:
            "Edit, rotate credentials, pause or resume. Langfuse: an empty secretKey keeps the stored one; a new baseUrl needs it again. OTLP: headers replace the stored ones as a whole; a new endpoint needs them again. Fields of another destination are refused (422)",
          requestBody: json(ref("UpdateLlmTraceDrain")),
          responses: {
            "200": json({ type: "object", properties: { drain: ref("LlmTraceDrain") } }),
            ...writeErrors,
            "409": error("Handle already used"),
          },
        },
        delete: {
          summary: "Delete an LLM Trace Drain",
          responses: { "204": { description: "Deleted" }, ...actionErrors },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/test-connection": {
        parameters: [envParam, drainParam],
        post: {
          summary: "Test the saved drain's connection",
          responses: {
            "200": json({ type: "object", properties: { result: ref("ConnectionResult") } }),
            ...actionErrors,
            ...limited,
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/health": {
        parameters: [envParam, drainParam],
        get: {
          summary: "Delivery health: status, 24 h counts, backlog, dead letters, last success and error, hourly series",
          responses: { "200": { description: "Health" }, ...errors },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/retry": {
        parameters: [envParam, drainParam],
        post: {
          summary: "Requeue dead letters and end an authentication hold",
          responses: {
            "200": json({
              type: "object",
              properties: { result: { type: "object", properties: { requeued: { type: "integer" } } } },
            }),
            ...actionErrors,
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/deliveries": {
        parameters: [envParam, drainParam],
        get: {
          summary:
            "The last 100 export attempts (time, outcome, HTTP status, span count, duration, message) and the newest 50 dead letters (time, request id, model, reason; never content)",
          responses: {
            "200": { description: "{ deliveries: { attempts, deadLetters, deadLetterTotal } }" },
            ...errors,
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/dead-letters/{deadLetterId}": {
        parameters: [envParam, drainParam, deadLetterParam],
        delete: {
          summary: "Discard one dead letter for good",
          responses: { "204": { description: "Discarded" }, ...actionErrors },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/dead-letters/{deadLetterId}/retry": {
        parameters: [envParam, drainParam, deadLetterParam],
        post: {
          summary: "Put one dead letter back in the queue",
          responses: {
            "200": json({
              type: "object",
              properties: { result: { type: "object", properties: { requeued: { type: "integer" } } } },
            }),
            ...actionErrors,
          },
        },
      },
      "/api/environments/{environmentId}/llm-trace-drains/{drainId}/test-trace": {
        parameters: [envParam, drainParam],
        post: {
          summary: "Send one synthetic span marked aptible.test and report the outcome",
          responses: {
            "200": { description: "Outcome (ok, traceId, message, httpStatus?)" },
            ...actionErrors,
            ...limited,
          },
        },
      },
      "/api/internal/ai-gateway/logs": {
        post: {
          summary: "AI Gateway log ingest (LiteLLM generic logging callback): JSON array, NDJSON or one record",
          description:
            "The body may be sent plain or with `Content-Encoding: gzip`; INGEST_MAX_BYTES limits its inflated size. A single record larger than INGEST_MAX_RECORD_BYTES (32 MB by default) is skipped with its index and reason. 202 means every accepted record is durably stored (encrypted) and will be forwarded to each active drain of its environment; with staged ingest (INGEST_STAGING, the PostgreSQL default) it is turned into spans a moment after the answer.",
          security: [{ gatewayToken: [] }],
          requestBody: {
            content: {
              "application/json": {
                schema: { oneOf: [{ type: "array", items: { type: "object" } }, { type: "object" }] },
              },
            },
          },
          responses: {
            "202": json({
              type: "object",
              properties: {
                accepted: { type: "integer" },
                skipped: {
                  type: "array",
                  items: { type: "object", properties: { index: { type: "integer" }, reason: { type: "string" } } },
                  description: "The first 1,000 records not queued, by index",
                },
                skippedCount: {
                  type: "integer",
                  description: "Present only when more than 1,000 records were skipped: how many",
                },
              },
            }),
            "400": error("Malformed body"),
            "401": error("Missing or wrong token"),
            "413": error("Body over INGEST_MAX_BYTES (inflated size)"),
            "415": error("A Content-Encoding other than gzip"),
            ...limited,
            "503": error(
              "The database is unavailable, or the server is holding as much of other requests' records as it may; send the batch again after Retry-After: records read before it are stored, and span ids repeat, so Langfuse keeps one of each",
            ),
          },
        },
      },
      "/api/admin/organizations": {
        get: {
          summary: "List organizations (platform admins)",
          parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
          responses: {
            "200": json({
              type: "object",
              properties: { organizations: { type: "array", items: ref("AdminOrganization") } },
            }),
            "401": errors["401"],
            "404": error("Not a platform admin"),
          },
        },
      },
      "/api/admin/ingest-token": {
        get: {
          summary:
            "The gateway ingest token the server generated (null when GATEWAY_INGEST_TOKEN sets it), for Show token (platform admins)",
          responses: {
            "200": json({ type: "object", properties: { token: { type: ["string", "null"] } } }),
            "401": errors["401"],
            "404": error("Not a platform admin"),
          },
        },
      },
      "/api/admin/ingest-pipeline": {
        get: {
          summary:
            "What the platform holds between the gateway's 202 and the destinations, every organization (platform admins)",
          responses: {
            "200": json({ type: "object", properties: { pipeline: ref("IngestPipeline") } }),
            "401": errors["401"],
            "404": error("Not a platform admin"),
          },
        },
      },
      "/api/admin/ingest-pipeline/retry": {
        post: {
          summary: "Try sealing again the records it gave up on, once the cause is fixed (platform admins)",
          responses: {
            "200": json({
              type: "object",
              properties: { retried: { type: "object", properties: { records: { type: "integer" } } } },
            }),
            ...actionErrors,
            "404": error("Not a platform admin"),
          },
        },
      },
      "/api/admin/organizations/{organizationId}": {
        parameters: [orgParam],
        patch: {
          summary: "Record/withdraw a BAA and enroll/withdraw AI Gateway beta (platform admins)",
          requestBody: json(ref("UpdateOrganizationFlags")),
          responses: {
            "200": json({ type: "object", properties: { organization: ref("AdminOrganization") } }),
            ...writeErrors,
          },
        },
      },
    },
  };
}
