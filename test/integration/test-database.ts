import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, closeDatabase } from "@/lib/db/open";
import type { Database } from "@/lib/db/database";

// Each test file gets its own empty, migrated database: an in-memory PGlite, or a fresh
// database on the server named by TEST_DATABASE_URL (dropped afterwards).

export type TestDatabase = { database: Database; dispose: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DB_KIND !== "postgres") {
    const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    return { database, dispose: () => closeDatabase(database) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres project");
  const name = `it_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  return {
    database,
    dispose: async () => {
      await closeDatabase(database);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
