import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { database } from "@/lib/db/database";

// Migrations are hand-written SQL (Prisma's migrate engine cannot run offline), so nothing
// else notices when they and schema.prisma disagree. This compares the migrated database
// with the schema: every model has its table, every scalar field its column with the same
// nullability, every enum its type with the same values, and no table is unaccounted for.

type Field = { column: string; optional: boolean };
type Model = { table: string; fields: Field[] };

function parseSchema(text: string) {
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm)) {
    enums.set(
      m[1]!,
      m[2]!
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("//")),
    );
  }
  // A block ends at a "}" at the start of a line (defaults such as "{}" may hold braces).
  const blocks = [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(blocks.map((b) => b[1]!));
  const models: Model[] = blocks.map(([, name, body]) => {
    const lines = body!
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("//"));
    const table = lines.join(" ").match(/@@map\("([^"]+)"\)/)?.[1] ?? name!;
    const fields = lines
      .filter((l) => !l.startsWith("@@"))
      .map((l) => l.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null && !modelNames.has(m[2]!))
      .map((m) => ({
        column: m[5]!.match(/@map\("([^"]+)"\)/)?.[1] ?? m[1]!,
        optional: m[4] === "?" || m[3] === "[]",
      }));
    return { table, fields };
  });
  return { enums, models };
}

describe("schema.prisma and prisma/migrations", () => {
  const schema = parseSchema(fs.readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8"));

  it("agree on every table and column, including nullability", async () => {
    const rows = await database().driver.query<{ table_name: string; column_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const actual = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
      actual.get(r.table_name)!.set(r.column_name, r.is_nullable === "YES");
    }
    expect(schema.models.length).toBeGreaterThan(5);
    for (const model of schema.models) {
      const columns = actual.get(model.table);
      expect(columns, `table ${model.table}`).toBeDefined();
      for (const f of model.fields) {
        expect(columns!.has(f.column), `column ${model.table}.${f.column}`).toBe(true);
        if (!f.optional) expect(columns!.get(f.column), `${model.table}.${f.column} is NOT NULL`).toBe(false);
      }
      expect([...columns!.keys()].sort(), `no extra columns in ${model.table}`).toEqual(
        model.fields.map((f) => f.column).sort(),
      );
    }
    const tables = [...actual.keys()].filter((t) => t !== "_prisma_migrations").sort();
    expect(tables).toEqual(schema.models.map((m) => m.table).sort());
  });

  it("agree on every enum and its values", async () => {
    const rows = await database().driver.query<{ typname: string; enumlabel: string }>(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY e.enumsortorder`,
    );
    for (const [name, values] of schema.enums) {
      expect(
        rows.filter((r) => r.typname === name).map((r) => r.enumlabel),
        `enum ${name}`,
      ).toEqual(values);
    }
  });
});
