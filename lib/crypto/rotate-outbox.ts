import type { SqlDriver } from "../db/driver";
import { decryptBytes, encryptBytes, type Keyring } from "./keyring";
import { outboxAad, STAGE_AAD } from "./outbox-aad";

// Re-encrypts queued spans (and dead letters), and staged ingest records, under the keyring's
// current key, so an old key can be dropped without turning the queue into dead letters. Same rules as for drain
// secrets: safe to re-run, rows already current are skipped, and a row changed or delivered
// meanwhile is left alone (the update only applies to the payload that was read).

export type OutboxRotationReport = { examined: number; reencrypted: number; alreadyCurrent: number; failed: number };

function versionOf(payload: Uint8Array): string {
  return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
    .subarray(1, 1 + (payload[0] ?? 0))
    .toString("ascii");
}

type Row = { id: string | number; drain_id?: string; span_id?: string; payload: Uint8Array };
type Table = { name: string; columns: string; aad: (row: Row) => string };

const OUTBOX: Table = {
  name: "trace_outbox",
  columns: "id, drain_id, span_id, payload",
  aad: (row) => outboxAad(row.drain_id!, row.span_id!),
};
const STAGE: Table = { name: "ingest_stage", columns: "id, payload", aad: () => STAGE_AAD };

export const rotateOutboxPayloads = (sql: SqlDriver, keyring: Keyring, batchSize = 500) =>
  rotateTable(sql, keyring, OUTBOX, batchSize);

export const rotateStagedPayloads = (sql: SqlDriver, keyring: Keyring, batchSize = 50) =>
  rotateTable(sql, keyring, STAGE, batchSize);

async function rotateTable(
  sql: SqlDriver,
  keyring: Keyring,
  table: Table,
  batchSize: number,
): Promise<OutboxRotationReport> {
  const report: OutboxRotationReport = { examined: 0, reencrypted: 0, alreadyCurrent: 0, failed: 0 };
  let after = "0";
  for (;;) {
    const rows = await sql.query<Row>(
      `SELECT ${table.columns} FROM ${table.name} WHERE id > $1::bigint ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    if (rows.length === 0) break;
    after = String(rows.at(-1)!.id);
    const updates: { id: string; old: Buffer; next: Buffer }[] = [];
    for (const row of rows) {
      report.examined++;
      if (versionOf(row.payload) === keyring.current) {
        report.alreadyCurrent++;
        continue;
      }
      try {
        const plain = decryptBytes(keyring, row.payload, table.aad(row));
        updates.push({
          id: String(row.id),
          old: Buffer.from(row.payload),
          next: encryptBytes(keyring, plain, table.aad(row)),
        });
      } catch {
        report.failed++;
      }
    }
    await sql.transaction(async (tx) => {
      for (const u of updates) {
        const done = await tx.query<{ id: string }>(
          `UPDATE ${table.name} SET payload = $2 WHERE id = $1::bigint AND payload = $3 RETURNING id`,
          [u.id, u.next, u.old],
        );
        if (done.length === 1) report.reencrypted++;
      }
    });
  }
  return report;
}
