import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/organizations/route";
import { GET as getPipeline } from "@/app/api/admin/ingest-pipeline/route";
import { POST as retryPipeline } from "@/app/api/admin/ingest-pipeline/retry/route";
import { GET as getIngestToken } from "@/app/api/admin/ingest-token/route";
import { config } from "@/lib/config/env";
import { database, db } from "@/lib/db/database";
import { STAGE_MAX_ATTEMPTS } from "@/lib/ingest/stage-store";
import { call, createWorld } from "./fixtures";

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

describe("admin organizations API", () => {
  it("lists every organization for a platform admin, searchable by name or handle", async () => {
    const all = await call(GET, { token: world.tokens.admin });
    expect(all.status).toBe(200);
    const handles = (all.json.organizations as { handle: string }[]).map((o) => o.handle);
    expect(handles).toEqual(expect.arrayContaining([world.orgA.handle, world.orgB.handle]));

    const search = await call(GET, {
      token: world.tokens.admin,
      path: `/api/admin/organizations?q=${world.orgB.handle.toUpperCase()}`,
    });
    expect((search.json.organizations as { handle: string }[]).map((o) => o.handle)).toEqual([world.orgB.handle]);
  });

  it("does not exist for customers (404) and requires a session (401)", async () => {
    for (const token of [world.tokens.owner, world.tokens.member, world.tokens.outsider]) {
      const res = await call(GET, { token });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(world.orgB.handle);
    }
    expect((await call(GET, {})).status).toBe(401);
  });
});

describe("admin ingest token API", () => {
  it("gives a platform admin the generated token on request, never cached; nobody else, and not one set by the environment", async () => {
    const holder = globalThis as unknown as { __appConfig?: ReturnType<typeof config> };
    const configured = config();
    expect((await call(getIngestToken, { token: world.tokens.admin })).json).toEqual({ token: null });
    holder.__appConfig = { ...configured, gatewayIngestTokenGenerated: true };
    try {
      const res = await call(getIngestToken, { token: world.tokens.admin });
      expect(res.json).toEqual({ token: configured.gatewayIngestToken });
      expect(res.headers.get("cache-control")).toBe("no-store");
      for (const token of [world.tokens.owner, world.tokens.member, world.tokens.outsider]) {
        const refused = await call(getIngestToken, { token });
        expect(refused.status).toBe(404);
        expect(refused.text).not.toContain(configured.gatewayIngestToken);
      }
    } finally {
      holder.__appConfig = configured;
    }
  });
});

describe("admin ingest pipeline API", () => {
  const stage = (records: number, attempts: number, leasedForMs?: number) =>
    database().driver.query(
      `INSERT INTO ingest_stage (payload, records, key_hashes, attempts, leased_until)
       VALUES ($1, $2, '{}', $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() + $4::int * interval '1 millisecond' END)`,
      [new Uint8Array([1, 2, 3]), records, attempts, leasedForMs ?? null],
    );

  it("counts what is staged and what sealing gave up on, and tries the latter again", async () => {
    await stage(3, 0);
    await stage(2, STAGE_MAX_ATTEMPTS);
    // At its last try and still held by a sealer: not given up on yet.
    await stage(4, STAGE_MAX_ATTEMPTS, 60_000);

    const before = await call(getPipeline, { token: world.tokens.admin });
    expect(before.status).toBe(200);
    expect(before.json.pipeline).toMatchObject({
      staged: { records: 7 },
      unsealable: { records: 2 },
      queued: { spans: 0, more: false, oldestAt: null },
      deadLetters: { spans: 0, more: false, oldestAt: null },
    });

    const retried = await call(retryPipeline, { token: world.tokens.admin, method: "POST" });
    expect(retried.status).toBe(200);
    expect(retried.json).toEqual({ retried: { records: 2 } });
    const after = await call(getPipeline, { token: world.tokens.admin });
    expect(after.json.pipeline).toMatchObject({ staged: { records: 9 }, unsealable: { records: 0, oldestAt: null } });
    expect(
      await db().auditEvent.count({ where: { action: "ingest_stage.retry", actorId: world.users.admin.id } }),
    ).toBe(1);
  });

  it("does not exist for customers (404)", async () => {
    await stage(1, STAGE_MAX_ATTEMPTS);
    for (const token of [world.tokens.owner, world.tokens.member, world.tokens.outsider]) {
      expect((await call(getPipeline, { token })).status).toBe(404);
      expect((await call(retryPipeline, { token, method: "POST" })).status).toBe(404);
    }
    const [left] = await database().driver.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ingest_stage WHERE attempts >= ${STAGE_MAX_ATTEMPTS}`,
    );
    expect(left?.n).toBeGreaterThan(0);
  });
});
