import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { openPglite, openPostgresPool, pgliteDriver, postgresDriver, type DatabaseTarget } from "./driver";
import { migrate } from "./migrate";
import type { Database } from "./database";

// Only server.ts, scripts and tests open databases; Next's bundle only reads the handle.

/** Opens a database of either kind and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  let database: Database;
  if (target.kind === "pglite") {
    const client = openPglite(target.dataDir);
    database = { prisma: new PrismaClient({ adapter: new PrismaPGlite(client) }), driver: pgliteDriver(client) };
  } else {
    const pool = openPostgresPool(target.url);
    database = { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), driver: postgresDriver(pool) };
  }
  await migrate(database.driver);
  return database;
}

export async function closeDatabase(database: Database): Promise<void> {
  await database.prisma.$disconnect();
  await database.driver.close();
}
