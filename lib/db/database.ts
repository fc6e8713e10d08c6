import type { PrismaClient } from "../generated/prisma/client";
import type { SqlDriver } from "./driver";

export type Database = { prisma: PrismaClient; driver: SqlDriver };

// The server entry (server.ts) and Next's bundled route handlers are separate module
// graphs in one process: the handle lives on globalThis so both use the same connection,
// which PGlite requires (one process, one open data directory).
const holder = globalThis as unknown as { __appDatabase?: Database };

export function setDatabase(database: Database | undefined): void {
  holder.__appDatabase = database;
}

export function database(): Database {
  if (!holder.__appDatabase) {
    throw new Error("Database not initialised: start the app with `npm start` (server.ts opens it)");
  }
  return holder.__appDatabase;
}

/** The Prisma client for the domain layer. */
export function db(): PrismaClient {
  return database().prisma;
}
