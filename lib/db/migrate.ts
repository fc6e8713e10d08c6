import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import type { SqlDriver } from "./driver";
import { log } from "../log";

// Prisma's own advisory lock id for migrations, so this runner and `prisma migrate deploy`
// never apply migrations concurrently against one database.
const MIGRATION_LOCK_ID = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export function defaultMigrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

/** Reads prisma/migrations/<name>/migration.sql in name order, as Prisma does. */
export function readMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies pending migrations and records them in _prisma_migrations the way
 * `prisma migrate deploy` does, so either tool can take over a database.
 * Each migration runs in its own transaction under Prisma's advisory lock.
 */
export async function migrate(driver: SqlDriver, migrations: Migration[] = readMigrations()): Promise<string[]> {
  await driver.exec(CREATE_MIGRATIONS_TABLE);
  const applied: string[] = [];
  for (const m of migrations) {
    const didApply = await driver.transaction(async (tx) => {
      if (driver.kind === "postgres") await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_ID]);
      const rows = await tx.query<{ checksum: string }>(
        `SELECT checksum FROM "_prisma_migrations"
          WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (rows.length > 0) {
        if (rows[0]!.checksum !== m.checksum) {
          log.warn("applied migration was modified after it ran", { migration: m.name });
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (gen_random_uuid()::text, $1, now(), $2, now(), 1)`,
        [m.checksum, m.name],
      );
      return true;
    });
    if (didApply) {
      applied.push(m.name);
      log.info("applied migration", { migration: m.name });
    }
  }
  return applied;
}
