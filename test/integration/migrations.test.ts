import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { database } from "@/lib/db/database";
import { migrate, readMigrations } from "@/lib/db/migrate";

describe("migration runner", () => {
  it("records every migration in _prisma_migrations as Prisma does (sha256 checksum, finished)", async () => {
    const files = readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const rows = await database().driver.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, f] of files.entries()) {
      expect(rows[i]!.checksum).toBe(createHash("sha256").update(f.sql).digest("hex"));
      expect(rows[i]!.finished_at).not.toBeNull();
      expect(rows[i]!.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time, and applies a new migration exactly once", async () => {
    expect(await migrate(database().driver)).toEqual([]);
    const extra = {
      name: "99999999999999_test_extra",
      sql: `CREATE TABLE "migration_probe" (id INT);`,
      checksum: "x".repeat(64),
    };
    const withExtra = [...readMigrations(), extra];
    expect(await migrate(database().driver, withExtra)).toEqual([extra.name]);
    expect(await migrate(database().driver, withExtra)).toEqual([]);
    await database().driver.exec(
      `DROP TABLE "migration_probe"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${extra.name}'`,
    );
  });

  it("rolls back a failing migration and records nothing", async () => {
    const broken = {
      name: "99999999999998_broken",
      sql: `CREATE TABLE "half_done" (id INT); SELECT no_such_function();`,
      checksum: "y".repeat(64),
    };
    await expect(migrate(database().driver, [...readMigrations(), broken])).rejects.toThrow();
    const tables = await database().driver.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`,
    );
    expect(tables).toHaveLength(0);
    const recorded = await database().driver.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [
      broken.name,
    ]);
    expect(recorded).toHaveLength(0);
  });
});
