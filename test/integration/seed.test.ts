import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/database";
import { seedDemoData } from "@/lib/db/seed";
import { demoLlmKeys } from "@/lib/db/demo-data";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/db/demo-data";

describe("demo data", () => {
  it("seeds an empty database with the documented organizations, users and keys", async () => {
    expect(await seedDemoData(db())).toBe(true);
    const orgs = await db().organization.findMany({ orderBy: { handle: "asc" }, include: { environments: true } });
    expect(orgs.map((o) => [o.name, o.baaSignedAt !== null, o.aiGatewayBetaEnrolledAt !== null])).toEqual([
      ["Acme Health", true, true],
      ["Globex", false, false],
      ["Initech", true, false],
    ]);
    expect(orgs[0]!.environments.map((e) => e.handle).sort()).toEqual(["acme-production", "acme-staging"]);

    const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@platform.example" } });
    expect(admin.isPlatformAdmin).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash)).toBe(true);

    for (const k of demoLlmKeys) {
      const hash = createHash("sha256").update(k.secret).digest("hex");
      const stored = await db().llmKey.findUnique({ where: { keyHash: hash }, include: { environment: true } });
      expect(stored?.environment.handle).toBe(k.environment);
    }
  });

  it("never touches a database that already has data", async () => {
    const before = await db().user.count();
    await db().user.deleteMany({ where: { email: "alice@acme.example" } });
    expect(await seedDemoData(db())).toBe(false);
    expect(await db().user.count()).toBe(before - 1);
  });
});
