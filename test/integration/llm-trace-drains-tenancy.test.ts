import { beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import * as item from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as savedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-connection/route";
import { db } from "@/lib/db/database";
import { call, createWorld } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";

// Drain-specific authorization beyond the matrix (authz-matrix.test.ts): a deleted drain is
// gone for its owner too, and another organization's drain is not reachable through one's own
// environment id. Another organization's ids are always 404.

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
