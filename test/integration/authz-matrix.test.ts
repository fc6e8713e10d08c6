import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/database";
import type { Handler } from "@/lib/api/route";
import { createSession } from "@/lib/server/sessions";
import { encryptDrainSecrets } from "@/lib/server/llm-trace-drains/secrets";
import { call, createWorld } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";

// The authorization matrix: every route handler, listed from the file system, × anonymous,
// another organization's owner, member, owner, platform admin, and the owner of a suspended
// organization acting on its own environment. A route or method without a row here fails
// the test, so a new endpoint cannot ship without its authorization being pinned.

const fake = withFakeLangfuse();
type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
/** Org C: its owner, environment and drain, then BAA withdrawn (suspended). */
let suspended: { token: string; userId: string; organizationId: string; environmentId: string; drainId: string };
let drainA: string;

const ROLES = ["anonymous", "outsider", "member", "owner", "admin", "suspended"] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;

async function insertDrain(organizationId: string, environmentId: string): Promise<string> {
  const id = randomUUID();
  await db().llmTraceDrain.create({
    data: {
      id,
      organizationId,
      environmentId,
      type: "langfuse",
      handle: `matrix-${id.slice(0, 8)}`,
      config: { baseUrl: fake().url, publicKey: fake().publicKey },
      secrets: encryptDrainSecrets(organizationId, id, { secretKey: fake().secretKey }),
      secretHints: { secretKey: "sk-lf-…0001" },
    },
  });
  return id;
}

async function insertKey(organizationId: string, environmentId: string): Promise<string> {
  const id = randomUUID();
  await db().llmKey.create({
    data: {
      id,
      organizationId,
      environmentId,
      alias: `matrix ${id.slice(0, 8)}`,
      prefix: `sk-${id.slice(0, 6)}`,
      keyHash: randomUUID().replace(/-/g, "").padEnd(64, "0"),
    },
  });
  return id;
}

beforeAll(async () => {
  world = await createWorld();
  const enabled = { baaSignedAt: new Date(), aiGatewayBetaEnrolledAt: new Date() };
  await db().organization.update({ where: { id: world.orgA.id }, data: enabled });
  drainA = await insertDrain(world.orgA.id, world.envA.id);

  const user = await db().user.create({
    data: { email: `suspended-${randomUUID()}@example.com`, name: "suspended", passwordHash: "x" },
  });
  const org = await db().organization.create({
    data: { handle: `org-c-${randomUUID().slice(0, 6)}`, name: "Org C", ...enabled },
  });
  await db().membership.create({ data: { userId: user.id, organizationId: org.id, role: "OWNER" } });
  const env = await db().environment.create({ data: { organizationId: org.id, handle: "production" } });
  const drainId = await insertDrain(org.id, env.id);
  await db().organization.update({ where: { id: org.id }, data: { baaSignedAt: null } });
  const { token } = await createSession(user.id, { ip: "127.0.0.1", userAgent: "vitest" });
  suspended = { token, userId: user.id, organizationId: org.id, environmentId: env.id, drainId };
});

/** The ids a role acts on: the suspended owner uses its own organization, everyone else org A's. */
const target = (role: Role) =>
  role === "suspended"
    ? { organizationId: suspended.organizationId, environmentId: suspended.environmentId, drainId: suspended.drainId }
    : { organizationId: world.orgA.id, environmentId: world.envA.id, drainId: drainA };

const tokenOf = (role: Role) =>
  role === "anonymous" ? undefined : role === "suspended" ? suspended.token : world.tokens[role];

type Case = {
  params: (role: Role) => Promise<Record<string, string>>;
  json?: () => unknown;
  headers?: Record<string, string>;
  /** Sign-out ends the session it is called with, so it gets a throwaway one. */
  throwawaySession?: boolean;
  expected: Expected;
};

const same = (status: number): Expected => Object.fromEntries(ROLES.map((r) => [r, status])) as Expected;
const read: Expected = { anonymous: 401, outsider: 404, member: 200, owner: 200, admin: 404, suspended: 200 };
const write = (ok: number, whenSuspended: number): Expected => ({
  anonymous: 401,
  outsider: 404,
  member: 403,
  owner: ok,
  admin: 404,
  suspended: whenSuspended,
});
const adminOnly: Expected = { anonymous: 401, outsider: 404, member: 404, owner: 404, admin: 200, suspended: 404 };

const env = async (role: Role) => ({ environmentId: target(role).environmentId });
const drain = async (role: Role) => ({ environmentId: target(role).environmentId, drainId: target(role).drainId });
/** A fresh dead letter of the role's drain, so every call has one to act on. */
const deadLetter = async (role: Role) => {
  const row = await db().traceOutbox.create({
    data: {
      drainId: target(role).drainId,
      spanId: randomUUID().replace(/-/g, "").slice(0, 16),
      payload: Buffer.from("not a real span"),
      sizeBytes: 16,
      deadAt: new Date(),
      lastError: "matrix",
    },
  });
  return { ...(await drain(role)), deadLetterId: String(row.id) };
};
const credentials = () => ({ baseUrl: fake().url, publicKey: fake().publicKey, secretKey: fake().secretKey });

const MATRIX: Record<string, Record<string, Case>> = {
  organizations: { GET: { params: async () => ({}), expected: { ...same(200), anonymous: 401 } } },
  "organizations/[organizationId]/environments": {
    GET: { params: async (r) => ({ organizationId: target(r).organizationId }), expected: read },
  },
  "environments/[environmentId]/llm-keys": {
    GET: { params: env, expected: read },
    POST: { params: env, json: () => ({ alias: "matrix key" }), expected: write(201, 201) },
  },
  "environments/[environmentId]/llm-keys/[keyId]": {
    DELETE: {
      params: async (r) => ({
        environmentId: target(r).environmentId,
        keyId: await insertKey(target(r).organizationId, target(r).environmentId),
      }),
      expected: write(200, 200),
    },
  },
  "environments/[environmentId]/llm-trace-drains": {
    GET: { params: env, expected: read },
    POST: {
      params: env,
      json: () => ({
        type: "langfuse",
        handle: `matrix-new-${randomUUID().slice(0, 8)}`,
        ...credentials(),
        acknowledgeContentForwarding: true,
      }),
      expected: write(201, 403),
    },
  },
  "environments/[environmentId]/llm-trace-drains/redaction-preview": {
    POST: {
      params: env,
      json: () => ({ redaction: { detectors: ["email"], customPatterns: [] }, text: "a@b.io" }),
      // Gated like test-connection: drain settings exist only where drains do.
      expected: write(200, 403),
    },
  },
  "environments/[environmentId]/llm-trace-drains/test-connection": {
    POST: { params: env, json: credentials, expected: write(200, 403) },
  },
  "environments/[environmentId]/llm-trace-drains/[drainId]": {
    GET: { params: drain, expected: read },
    PATCH: { params: drain, json: () => ({ paused: false }), expected: write(200, 403) },
    DELETE: {
      params: async (r) => ({
        environmentId: target(r).environmentId,
        drainId: await insertDrain(target(r).organizationId, target(r).environmentId),
      }),
      // Removing a drain stays possible while suspended: it forwards nothing either way.
      expected: write(204, 204),
    },
  },
  "environments/[environmentId]/llm-trace-drains/[drainId]/health": { GET: { params: drain, expected: read } },
  "environments/[environmentId]/llm-trace-drains/[drainId]/deliveries": { GET: { params: drain, expected: read } },
  "environments/[environmentId]/llm-trace-drains/[drainId]/dead-letters/[deadLetterId]": {
    // Discarding only removes data: allowed while suspended.
    DELETE: { params: deadLetter, expected: write(204, 204) },
  },
  "environments/[environmentId]/llm-trace-drains/[drainId]/dead-letters/[deadLetterId]/retry": {
    POST: { params: deadLetter, expected: write(200, 403) },
  },
  "environments/[environmentId]/llm-trace-drains/[drainId]/retry": {
    POST: { params: drain, expected: write(200, 403) },
  },
  "environments/[environmentId]/llm-trace-drains/[drainId]/test-connection": {
    POST: { params: drain, expected: write(200, 403) },
  },
  "environments/[environmentId]/llm-trace-drains/[drainId]/test-trace": {
    POST: { params: drain, expected: write(200, 403) },
  },
  "admin/organizations": { GET: { params: async () => ({}), expected: adminOnly } },
  "admin/ingest-pipeline": { GET: { params: async () => ({}), expected: adminOnly } },
  "admin/ingest-token": { GET: { params: async () => ({}), expected: adminOnly } },
  "admin/ingest-pipeline/retry": { POST: { params: async () => ({}), expected: adminOnly } },
  "admin/organizations/[organizationId]": {
    PATCH: {
      params: async () => ({ organizationId: world.orgA.id }),
      json: () => ({ aiGatewayBetaEnrolled: true }),
      expected: adminOnly,
    },
  },
  // A session grants nothing on the public endpoints: sign-in needs a password, ingest the gateway token.
  "auth/sign-in": {
    POST: {
      params: async () => ({}),
      json: () => ({ email: `nobody-${randomUUID()}@example.com`, password: "wrong password" }),
      expected: same(401),
    },
  },
  "auth/sign-out": { POST: { params: async () => ({}), throwawaySession: true, expected: same(200) } },
  "internal/ai-gateway/logs": { POST: { params: async () => ({}), json: () => [], expected: same(401) } },
  health: { GET: { params: async () => ({}), expected: same(200) } },
  "openapi.json": { GET: { params: async () => ({}), expected: same(200) } },
  "[...path]": Object.fromEntries(
    ["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => [
      m,
      { params: async () => ({ path: "no-such-endpoint" }), expected: same(404) },
    ]),
  ),
};

const root = path.join(process.cwd(), "app/api");
const routes = fs
  .readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith("route.ts"))
  .map((f) => path.dirname(f).replace(/^\.$/, ""))
  .sort();

describe("every route handler has its authorization pinned", () => {
  it.each(routes)("/api/%s", async (route) => {
    const mod = (await import(path.join(root, route, "route.ts"))) as Record<string, unknown>;
    const methods = Object.keys(mod).filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k));
    expect(Object.keys(MATRIX[route] ?? {}).sort()).toEqual(methods.sort());
  });
});

describe.each(routes.flatMap((route) => Object.keys(MATRIX[route] ?? {}).map((method) => ({ route, method }))))(
  "$method /api/$route",
  ({ route, method }) => {
    const spec = MATRIX[route]![method]!;
    it.each(ROLES)("as %s", async (role) => {
      const mod = (await import(path.join(root, route, "route.ts"))) as Record<string, Handler>;
      const session =
        spec.throwawaySession && role !== "anonymous"
          ? (
              await createSession(role === "suspended" ? suspended.userId : world.users[role].id, {
                ip: "127.0.0.1",
                userAgent: "vitest",
              })
            ).token
          : tokenOf(role);
      const res = await call(mod[method]!, {
        method,
        params: await spec.params(role),
        token: session,
        json: spec.json?.(),
        headers: spec.headers,
      });
      expect(res.status, res.text).toBe(spec.expected[role]);
      if (res.status >= 400) expect(res.json.error?.code, res.text).toBeTruthy();
    });
  },
);

it("sent one test trace to Langfuse: the owner's, not the suspended organization's", () => {
  expect(fake().exports.length).toBe(1);
});
