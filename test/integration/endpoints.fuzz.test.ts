import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Handler } from "@/lib/api/route";
import * as drains from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import * as drainItem from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as unsavedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/test-connection/route";
import * as llmKeys from "@/app/api/environments/[environmentId]/llm-keys/route";
import * as adminOrg from "@/app/api/admin/organizations/[organizationId]/route";
import * as signIn from "@/app/api/auth/sign-in/route";
import { call } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, INGEST_TOKEN, records } from "./forwarding-fixtures";
import { POST as ingest } from "@/app/api/internal/ai-gateway/logs/route";

// Generated request bodies, seeded so a failure reproduces: every write endpoint answers a
// clean 4xx in the one error shape (or succeeds), never a 5xx; the ingest endpoint keeps
// every good record of a batch whatever the bad ones hold.

const SEED = 20261127;
const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;

beforeAll(async () => {
  world = await createForwardingWorld(fake(), "fuzz");
});

/** Strings that break naive code: NUL and other control characters, lone surrogates, long runs. */
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "%00", "../../etc/passwd", "https://169.254.169.254/", " "),
  fc.integer({ min: 1, max: 3000 }).map((n) => "x".repeat(n)),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nastyString, fc.constant(1e308), fc.constant(-0));

/** A valid body with some fields replaced, removed or added. */
function mutated(valid: () => Record<string, unknown>) {
  return fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...Object.keys(valid())), fc.string({ maxLength: 12 })), anyValue), {
      maxLength: 4,
    })
    .map((changes) => {
      const body = valid();
      for (const [key, value] of changes) body[key] = value;
      return JSON.stringify(body);
    });
}

/** Raw bodies: any JSON, mutated valid bodies, truncated or non-JSON text, deep nesting. */
function bodies(valid: () => Record<string, unknown>) {
  return fc.oneof(
    mutated(valid),
    anyValue.map((v) => JSON.stringify(v) ?? "null"),
    fc.tuple(mutated(valid), fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
    fc.integer({ min: 1, max: 20_000 }).map((n) => '{"handle":' + "[".repeat(n) + "]".repeat(n) + "}"),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
}

type Endpoint = {
  name: string;
  handler: Handler;
  method: string;
  params: () => Record<string, string>;
  token: () => string;
  valid: () => Record<string, unknown>;
};

const endpoints: Endpoint[] = [
  {
    name: "POST llm-trace-drains",
    handler: drains.POST,
    method: "POST",
    params: () => ({ environmentId: world.envA.id }),
    token: () => world.tokens.owner,
    valid: () => ({
      type: "langfuse",
      handle: `fz-${Math.random().toString(36).slice(2, 9)}`,
      baseUrl: fake().url,
      publicKey: fake().publicKey,
      secretKey: fake().secretKey,
      acknowledgeContentForwarding: true,
    }),
  },
  {
    name: "PATCH llm-trace-drain",
    handler: drainItem.PATCH,
    method: "PATCH",
    params: () => ({ environmentId: world.envA.id, drainId: world.drainId }),
    token: () => world.tokens.owner,
    valid: () => ({ handle: "fuzz", paused: false, publicKey: fake().publicKey, secretKey: fake().secretKey }),
  },
  {
    name: "POST test-connection",
    handler: unsavedTest.POST,
    method: "POST",
    params: () => ({ environmentId: world.envA.id }),
    token: () => world.tokens.owner,
    valid: () => ({ baseUrl: fake().url, publicKey: fake().publicKey, secretKey: "sk-lf-wrong" }),
  },
  {
    name: "POST llm-keys",
    handler: llmKeys.POST,
    method: "POST",
    params: () => ({ environmentId: world.envA.id }),
    token: () => world.tokens.owner,
    valid: () => ({ alias: "fuzz key" }),
  },
  {
    name: "PATCH admin organization",
    handler: adminOrg.PATCH,
    method: "PATCH",
    params: () => ({ organizationId: world.orgB.id }),
    token: () => world.tokens.admin,
    valid: () => ({ baaSigned: true, aiGatewayBetaEnrolled: false }),
  },
  {
    name: "POST sign-in",
    handler: signIn.POST,
    method: "POST",
    params: () => ({}),
    token: () => "",
    valid: () => ({ email: "nobody@example.com", password: "wrong password" }),
  },
];

describe("fuzz: write endpoints answer 4xx in the error shape, never 5xx", () => {
  it.each(endpoints)(
    "$name",
    async ({ handler, method, params, token, valid }) => {
      let i = 0;
      await fc.assert(
        fc.asyncProperty(bodies(valid), async (body) => {
          const res = await call(handler, {
            method,
            params: params(),
            token: token() || undefined,
            body,
            headers: { "content-type": "application/json", "x-client-ip": `198.51.100.${++i % 250}` },
          });
          expect(res.status, `${res.status} ${res.text}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.json.error?.code, res.text).toMatch(/^[a-z_]+$/);
            expect(typeof res.json.error?.message).toBe("string");
          }
        }),
        { seed: SEED, numRuns: 250 },
      );
    },
    120_000,
  );
});

/**
 * Records that cannot be used, as JSON text (deep values are built as text so that neither
 * the test nor fast-check's reporting recurses through them): deep nesting, huge numbers,
 * NUL and other nasty strings, wrong types, junk.
 */
const goodText = () => JSON.stringify(records(world.keySecret, ["chat"])[0]);
/** A good record with one field replaced (the last of duplicate keys wins in JSON.parse). */
const withField = (field: string, json: string, text = goodText()) => `${text.slice(0, -1)},"${field}":${json}}`;
const badRecord = fc.oneof(
  fc
    .tuple(fc.constantFrom("messages", "model_parameters"), fc.integer({ min: 100, max: 6000 }))
    .map(([field, n]) => withField(field, "[".repeat(n) + '"deep"' + "]".repeat(n))),
  fc.constantFrom("1e308", "-1e308", "1e400").map((n) => withField("startTime", n)),
  nastyString.map((s) => withField("id", JSON.stringify(s), withField("model", JSON.stringify(s)))),
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? "null"),
);

describe("fuzz: the ingest endpoint keeps every good record of a batch", () => {
  it("whatever the bad records around them hold", async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant("good" as const), badRecord), { minLength: 1, maxLength: 8 }),
        async (items) => {
          const body = `[${items.map((item) => (item === "good" ? goodText() : item)).join(",")}]`;
          const res = await call(ingest, {
            method: "POST",
            body,
            headers: { authorization: `Bearer ${INGEST_TOKEN}`, "x-client-ip": `198.51.100.${++i % 250}` },
          });
          expect(res.status, res.text).toBe(202);
          const good = items.filter((i) => i === "good").length;
          expect(res.json.accepted).toBeGreaterThanOrEqual(good);
          expect((res.json.accepted as number) + (res.json.skipped as unknown[]).length).toBe(items.length);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  }, 180_000);
});
