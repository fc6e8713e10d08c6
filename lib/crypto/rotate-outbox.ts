import type { SqlDriver } from "../db/driver";
import { decryptBytes, encryptBytes, type Keyring } from "./keyring";
import { outboxAad } from "./outbox-aad";

// Re-encrypts queued spans (and dead letters) under the keyring's current key, so an old key
// can be dropped without turning the queue into dead letters. Same rules as for drain
// secrets: safe to re-run, rows already current are skipped, and a row changed or delivered
// meanwhile is left alone (the update only applies to the payload that was read).

export type OutboxRotationReport = { examined: number; reencrypted: number; alreadyCurrent: number; failed: number };

function versionOf(payload: Uint8Array): string {
  return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
    .subarray(1, 1 + (payload[0] ?? 0))
    .toString("ascii");
}

export async function rotateOutboxPayloads(
  sql: SqlDriver,
  keyring: Keyring,
  batchSize = 500,
): Promise<OutboxRotationReport> {
  const report: OutboxRotationReport = { examined: 0, reencrypted: 0, alreadyCurrent: 0, failed: 0 };
  let after = "0";
  for (;;) {
    const rows = await sql.query<{ id: string | number; drain_id: string; span_id: string; payload: Uint8Array }>(
      `SELECT id, drain_id, span_id, payload FROM trace_outbox WHERE id > $1::bigint ORDER BY id LIMIT $2`,
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
        const plain = decryptBytes(keyring, row.payload, outboxAad(row.drain_id, row.span_id));
        updates.push({
          id: String(row.id),
          old: Buffer.from(row.payload),
          next: encryptBytes(keyring, plain, outboxAad(row.drain_id, row.span_id)),
        });
      } catch {
        report.failed++;
      }
    }
    await sql.transaction(async (tx) => {
      for (const u of updates) {
        const done = await tx.query<{ id: string }>(
          `UPDATE trace_outbox SET payload = $2 WHERE id = $1::bigint AND payload = $3 RETURNING id`,
          [u.id, u.next, u.old],
        );
        if (done.length === 1) report.reencrypted++;
      }
    });
  }
  return report;
}
