import fs from "node:fs";
import { PGlite, types } from "@electric-sql/pglite";
import pg from "pg";

/** The raw SQL surface the migration runner and health check need, over either driver. */
export interface SqlExecutor {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface SqlDriver extends SqlExecutor {
  kind: "pglite" | "postgres";
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

export function pgliteDriver(client: PGlite): SqlDriver {
  const wrap = (c: Pick<PGlite, "exec" | "query">): SqlExecutor => ({
    exec: async (sql) => {
      await c.exec(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await c.query<Row>(sql, params)).rows,
  });
  return {
    kind: "pglite",
    ...wrap(client),
    transaction: (fn) => client.transaction((tx) => fn(wrap(tx))),
    close: () => client.close(),
  };
}

export function postgresDriver(pool: pg.Pool): SqlDriver {
  const wrap = (c: pg.Pool | pg.PoolClient): SqlExecutor => ({
    exec: async (sql) => {
      await c.query(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as Row[],
  });
  return {
    kind: "postgres",
    ...wrap(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

// PGlite turns bytea into hex text and back one byte at a time in JavaScript (~0.3 µs a byte:
// 1.5 ms per 5 KB stored span, which held ingest on the embedded database to ~500 records/s).
// Its protocol writer sends an ArrayBuffer view as a binary parameter as it is, so bytes go in
// untouched; results arrive as hex text, which Node's Buffer decodes natively. Prisma's
// adapter passes its own parsers, so only the raw SQL of the outbox reads through hexToBytes.
// Pinned by lib/db/driver.test.ts.
const bytesAsBinaryParameter = ((value: unknown) => {
  if (!(value instanceof Uint8Array)) throw new TypeError("a bytea parameter must be bytes");
  return value;
}) as unknown as (value: unknown) => string; // PGlite's Serializer type says string; its writer takes bytes too
const hexToBytes = (text: string) => Buffer.from(text.slice(2), "hex");

export function openPglite(dataDir: string): PGlite {
  if (!dataDir.startsWith("memory://")) {
    // PGlite does not create missing parent directories, and writes its files readable and
    // writable by everyone (0666): only the owner may enter the directory that holds them.
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dataDir, 0o700);
  }
  return new PGlite(dataDir, {
    serializers: { [types.BYTEA]: bytesAsBinaryParameter },
    parsers: { [types.BYTEA]: hexToBytes },
  });
}

export function openPostgresPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection (database restart) must not crash the process;
  // the pool replaces it and the next query reconnects.
  pool.on("error", () => undefined);
  return pool;
}

/**
 * A large bytea column read as `encode(column, 'base64')`. pg's text results carry bytea as
 * hex, twice its size, which the server writes, the socket carries and the event loop
 * decodes (~65 µs of the main thread per 12 KB staged record in a profile under load);
 * base64 is a third smaller and Node decodes it about twice as fast. Binary results are no
 * way out: pg decodes every column of a row as UTF-8 text, which corrupts bytes.
 */
export const bytesFromBase64 = (text: string): Buffer => Buffer.from(text, "base64");
