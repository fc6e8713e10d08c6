import { beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import * as item from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as savedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-connection/route";
import * as unsavedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/test-connection/route";
import * as adminOrg from "@/app/api/admin/organizations/[organizationId]/route";
import { db } from "@/lib/db/database";
import type { Handler } from "@/lib/api/route";
import { call, createWorld } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";

// The authorization matrix: every drain endpoint × anonymous, another organization's
// owner, member, owner, platform admin. Another organization's ids are always 404.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createWorld>>;
let drainId: string;

beforeAll(async () => {
  world = await createWorld();
  await db().organization.update({
    where: { id: world.orgA.id },
    data: { baaSignedAt: new Date(), aiGatewayBetaEnrolledAt: new Date() },
  });
  const res = await call(list.POST, {
    params: { environmentId: world.envA.id },
    token: world.tokens.owner,
    json: body("matrix-base"),
  });
  expect(res.status).toBe(201);
  drainId = (res.json.drain as { id: string }).id;
});

const body = (handle: string) => ({
  type: "langfuse",
  handle,
  baseUrl: fake().url,
  publicKey: fake().publicKey,
  secretKey: fake().secretKey,
  acknowledgeContentForwarding: true,
});

type Role = "anonymous" | "outsider" | "member" | "owner" | "admin";
type Case = {
  name: string;
  handler: Handler;
  method: string;
  params: () => Record<string, string>;
  json?: () => unknown;
  expected: Record<Role, number>;
};

const customerRead = { anonymous: 401, outsider: 404, member: 200, owner: 200, admin: 404 };
const customerWrite = (ok: number) => ({ anonymous: 401, outsider: 404, member: 403, owner: ok, admin: 404 });

let counter = 0;
const cases: Case[] = [
  {
    name: "GET list",
    handler: list.GET,
    method: "GET",
    params: () => ({ environmentId: world.envA.id }),
    expected: customerRead,
  },
  {
    name: "POST create",
    handler: list.POST,
    method: "POST",
    params: () => ({ environmentId: world.envA.id }),
    json: () => body(`matrix-${++counter}`),
    expected: customerWrite(201),
  },
  {
    name: "GET one",
    handler: item.GET,
    method: "GET",
    params: () => ({ environmentId: world.envA.id, drainId }),
    expected: customerRead,
  },
  {
    name: "PATCH",
    handler: item.PATCH,
    method: "PATCH",
    params: () => ({ environmentId: world.envA.id, drainId }),
    json: () => ({ paused: counter++ % 2 === 0 }),
    expected: customerWrite(200),
  },
  {
    name: "POST test-connection (saved)",
    handler: savedTest.POST,
    method: "POST",
    params: () => ({ environmentId: world.envA.id, drainId }),
    expected: customerWrite(200),
  },
  {
    name: "POST test-connection (form)",
    handler: unsavedTest.POST,
    method: "POST",
    params: () => ({ environmentId: world.envA.id }),
    json: () => ({ baseUrl: fake().url, publicKey: fake().publicKey, secretKey: fake().secretKey }),
    expected: customerWrite(200),
  },
  {
    name: "PATCH admin organization",
    handler: adminOrg.PATCH,
    method: "PATCH",
    params: () => ({ organizationId: world.orgA.id }),
    json: () => ({ aiGatewayBetaEnrolled: true }),
    expected: { anonymous: 401, outsider: 404, member: 404, owner: 404, admin: 200 },
  },
];

describe.each(cases)("$name", ({ handler, method, params, json, expected }) => {
  it.each(Object.keys(expected) as Role[])("as %s", async (role) => {
    const token = role === "anonymous" ? undefined : world.tokens[role];
    const res = await call(handler, { method, params: params(), token, json: json?.() });
    expect(res.status, res.text).toBe(expected[role]);
    if (expected[role] >= 400) expect(res.json.error?.code).toBeTruthy();
  });
});

describe("DELETE", () => {
  it("is refused to everyone but the owner, and then deletes", async () => {
    const params = { environmentId: world.envA.id, drainId };
    expect((await call(item.DELETE, { method: "DELETE", params })).status).toBe(401);
    for (const role of ["outsider", "admin"] as const) {
      expect((await call(item.DELETE, { method: "DELETE", params, token: world.tokens[role] })).status).toBe(404);
    }
    expect((await call(item.DELETE, { method: "DELETE", params, token: world.tokens.member })).status).toBe(403);
    expect(await db().llmTraceDrain.count({ where: { id: drainId } })).toBe(1);
    expect((await call(item.DELETE, { method: "DELETE", params, token: world.tokens.owner })).status).toBe(204);
    expect(await db().llmTraceDrain.count({ where: { id: drainId } })).toBe(0);
    expect((await call(item.DELETE, { method: "DELETE", params, token: world.tokens.owner })).status).toBe(404);
  });
});

describe("cross-tenant ids", () => {
  it("does not reach org A's drain through org B's environment", async () => {
    const created = await call(list.POST, {
      params: { environmentId: world.envA.id },
      token: world.tokens.owner,
      json: body("cross-tenant"),
    });
    const id = (created.json.drain as { id: string }).id;
    const viaB = { environmentId: world.envB.id, drainId: id };
    expect((await call(item.GET, { params: viaB, token: world.tokens.outsider })).status).toBe(404);
    expect(
      (await call(item.PATCH, { method: "PATCH", params: viaB, token: world.tokens.outsider, json: { paused: true } }))
        .status,
    ).toBe(404);
    expect((await call(item.DELETE, { method: "DELETE", params: viaB, token: world.tokens.outsider })).status).toBe(
      404,
    );
    expect((await call(savedTest.POST, { method: "POST", params: viaB, token: world.tokens.outsider })).status).toBe(
      404,
    );
    const row = await db().llmTraceDrain.findUniqueOrThrow({ where: { id } });
    expect(row.pausedAt).toBeNull();
  });
});
