import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/organizations/route";
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
