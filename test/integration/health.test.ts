import { describe, expect, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { GET } from "@/app/api/health/route";
import { GET as orgsGet } from "@/app/api/organizations/route";
import { database, setDatabase, type Database } from "@/lib/db/database";
import { openPostgresPool, postgresDriver } from "@/lib/db/driver";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { call } from "./fixtures";

/** A real client pointed at a port where nothing listens: every query fails to connect. */
function unreachableDatabase(): Database {
  const pool = openPostgresPool("postgresql://postgres@127.0.0.1:1/nothing");
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), driver: postgresDriver(pool) };
}

describe("database availability", () => {
  it("health reports ok when the database answers", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("health answers 503 and API routes a friendly 503 while the database is unreachable, then recover", async () => {
    const real = database();
    const down = unreachableDatabase();
    setDatabase(down);
    try {
      const health = await GET();
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "degraded", database: "unreachable" });

      const api = await call(orgsGet, { token: "some-session-token-of-sufficient-length" });
      expect(api.status).toBe(503);
      expect(api.json.error?.code).toBe("unavailable");
      expect(api.headers.get("retry-after")).toBe("5");
      expect(api.text).not.toMatch(/ECONNREFUSED|at .*\.ts/);
    } finally {
      setDatabase(real);
      await down.driver.close();
    }
    expect((await GET()).status).toBe(200);
  });
});
