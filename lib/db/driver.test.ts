import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { openPglite, pgliteDriver } from "./driver";

// The embedded database's bytea path (see openPglite): bytes go in as binary parameters and
// come back as the same bytes, whatever their size or the view they arrive in.
describe("PGlite bytea", () => {
  let client: PGlite;
  beforeAll(async () => {
    client = openPglite("memory://");
    await client.exec("CREATE TABLE blobs (id int PRIMARY KEY, payload bytea)");
  });
  afterAll(() => client.close());

  it("stores and returns bytes unchanged, from empty to a megabyte", async () => {
    const sql = pgliteDriver(client);
    const values = [Buffer.alloc(0), Buffer.from([0, 255, 92, 120]), randomBytes(5_200), randomBytes(1 << 20)];
    for (const [i, v] of values.entries()) await sql.query("INSERT INTO blobs VALUES ($1, $2)", [i, v]);
    const rows = await sql.query<{ id: number; payload: Uint8Array }>("SELECT id, payload FROM blobs ORDER BY id");
    expect(rows.map((r) => Buffer.compare(Buffer.from(r.payload), values[r.id]!))).toEqual([0, 0, 0, 0]);
  });

  it("sends only the bytes a view covers, and slices in SQL as the outbox does", async () => {
    const backing = randomBytes(64);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 8, 16);
    const [row] = await pgliteDriver(client).query<{ whole: Uint8Array; part: Uint8Array }>(
      "SELECT $1::bytea AS whole, substring($1::bytea FROM 5 FOR 4) AS part",
      [view],
    );
    expect(Buffer.from(row!.whole)).toEqual(backing.subarray(8, 24));
    expect(Buffer.from(row!.part)).toEqual(backing.subarray(12, 16));
  });

  it("refuses a bytea parameter that is not bytes", async () => {
    await expect(pgliteDriver(client).query("SELECT $1::bytea", ["\\x00"])).rejects.toThrow(/must be bytes/);
  });
});

describe("the embedded database's directory", () => {
  it("is entered by its owner only, whatever the umask and however it was created before", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-mode-"));
    const dataDir = path.join(parent, "pglite");
    fs.mkdirSync(dataDir, { mode: 0o777 });
    fs.chmodSync(dataDir, 0o777);
    const db = openPglite(dataDir);
    try {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      await db.close();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
