import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { GET, POST } from "@/app/api/environments/[environmentId]/llm-keys/route";
import { DELETE } from "@/app/api/environments/[environmentId]/llm-keys/[keyId]/route";
import { db } from "@/lib/db/database";
import { call, createWorld } from "./fixtures";

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

const paramsA = () => ({ environmentId: world.envA.id });

describe("LLM keys API", () => {
  it("creates a key, shows its secret once and stores only its sha256", async () => {
    const res = await call(POST, { params: paramsA(), token: world.tokens.owner, json: { alias: "  backend  " } });
    expect(res.status).toBe(201);
    const secret = res.json.secret as string;
    expect(secret).toMatch(/^sk-apt-[A-Za-z0-9_-]{40}$/);
    const key = res.json.key as { id: string; alias: string; prefix: string };
    expect(key.alias).toBe("backend");
    expect(secret.startsWith(key.prefix)).toBe(true);

    const stored = await db().llmKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.keyHash).toBe(createHash("sha256").update(secret).digest("hex"));

    const list = await call(GET, { params: paramsA(), token: world.tokens.member });
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("no-store");
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(stored.keyHash);
    expect((list.json.keys as { id: string }[]).map((k) => k.id)).toContain(key.id);

    const audit = await db().auditEvent.findFirst({ where: { targetId: key.id, action: "llm_key.create" } });
    expect(audit).toMatchObject({
      actorId: world.users.owner.id,
      organizationId: world.orgA.id,
      ipAddress: "203.0.113.7",
    });
  });

  it("revokes a key once; a second revoke is a conflict", async () => {
    const created = await call(POST, { params: paramsA(), token: world.tokens.owner, json: { alias: "to-revoke" } });
    const keyId = (created.json.key as { id: string }).id;
    const first = await call(DELETE, { method: "DELETE", params: { ...paramsA(), keyId }, token: world.tokens.owner });
    expect(first.status).toBe(200);
    expect((first.json.key as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const second = await call(DELETE, { method: "DELETE", params: { ...paramsA(), keyId }, token: world.tokens.owner });
    expect(second.status).toBe(409);
  });

  it("validates the alias with a field error", async () => {
    const res = await call(POST, { params: paramsA(), token: world.tokens.owner, json: { alias: "" } });
    expect(res.status).toBe(422);
    expect(res.json.error?.code).toBe("validation_failed");
    expect(res.json.error?.fields?.alias).toBeTruthy();
  });

  it("answers 400 to malformed JSON and 413 to an oversized body", async () => {
    const bad = await call(POST, {
      params: paramsA(),
      token: world.tokens.owner,
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.message).toMatch(/not valid JSON/);
    const huge = JSON.stringify({ alias: "x".repeat(2 * 1024 * 1024) });
    const big = await call(POST, {
      params: paramsA(),
      token: world.tokens.owner,
      body: huge,
      headers: { "content-type": "application/json" },
    });
    expect(big.status).toBe(413);
  });
});

describe("LLM keys authorization", () => {
  it("refuses anonymous callers with 401", async () => {
    const anonymous = await call(GET, { params: paramsA() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
    expect((await call(POST, { params: paramsA(), json: { alias: "x" } })).status).toBe(401);
  });

  it("lets members read but not create or revoke", async () => {
    expect((await call(GET, { params: paramsA(), token: world.tokens.member })).status).toBe(200);
    const res = await call(POST, { params: paramsA(), token: world.tokens.member, json: { alias: "nope" } });
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe("forbidden");
  });

  it("hides another organization's environment and keys as 404", async () => {
    const created = await call(POST, { params: paramsA(), token: world.tokens.owner, json: { alias: "private" } });
    const keyId = (created.json.key as { id: string }).id;
    const before = await db().llmKey.count();

    expect((await call(GET, { params: paramsA(), token: world.tokens.outsider })).status).toBe(404);
    expect((await call(POST, { params: paramsA(), token: world.tokens.outsider, json: { alias: "x" } })).status).toBe(
      404,
    );
    // The outsider's own environment id with org A's key id: still not found, still not revoked.
    const cross = await call(DELETE, {
      method: "DELETE",
      params: { environmentId: world.envB.id, keyId },
      token: world.tokens.outsider,
    });
    expect(cross.status).toBe(404);
    const direct = await call(DELETE, {
      method: "DELETE",
      params: { ...paramsA(), keyId },
      token: world.tokens.outsider,
    });
    expect(direct.status).toBe(404);

    expect(await db().llmKey.count()).toBe(before);
    expect((await db().llmKey.findUniqueOrThrow({ where: { id: keyId } })).revokedAt).toBeNull();
  });

  it("gives platform admins no implicit access to customer environments", async () => {
    expect((await call(GET, { params: paramsA(), token: world.tokens.admin })).status).toBe(404);
  });

  it("treats unknown and malformed ids as 404", async () => {
    expect(
      (
        await call(GET, {
          params: { environmentId: "00000000-0000-4000-8000-000000000000" },
          token: world.tokens.owner,
        })
      ).status,
    ).toBe(404);
    expect((await call(GET, { params: { environmentId: "not-a-uuid" }, token: world.tokens.owner })).status).toBe(404);
  });
});
