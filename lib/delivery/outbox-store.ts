import { bytesFromBase64, type SqlExecutor } from "../db/driver";
import type { SealedRows } from "../ingest/seal-slice";
import type { ExportOutcome } from "./otlp-export";

// Set-based SQL for the outbox: one statement per claim, per outcome, per batch of ids.
// Claims are per drain and use FOR UPDATE SKIP LOCKED plus a lease, so any number of workers
// can share one PostgreSQL database and a crashed worker's rows come back when its lease runs out.

export type ClaimedRow = {
  id: string;
  drain_id: string;
  span_id: string;
  payload: Uint8Array;
  payload_format: number;
  size_bytes: number;
  attempts: number;
  first_failed_at: Date | null;
};

/**
 * Queues sealed spans (packed by lib/ingest/seal-slice.ts) in one statement, so one round trip
 * and atomic on its own: one INSERT for all rows, and the keys' "last used" at minute precision.
 * Rows of a drain deleted since its records were looked up are dropped (nothing would deliver
 * them), so a customer deleting a drain never fails the gateway batch it shares with others. The payloads travel as one binary
 * bytea parameter sliced by offset in SQL: an array of bytea would be sent as hex text, twice
 * the bytes and a parse per row.
 */
export async function insertOutboxRows(sql: SqlExecutor, rows: SealedRows, usedKeyIds: string[]): Promise<void> {
  await sql.query(
    `WITH stored AS (
       INSERT INTO trace_outbox (drain_id, span_id, payload, size_bytes, payload_format)
       SELECT t.drain_id, t.span_id, substring($3::bytea FROM t.off + 1 FOR t.len), t.size, t.format
         FROM unnest($1::uuid[], $2::text[], $4::int[], $5::int[], $6::int[], $7::int[])
           AS t(drain_id, span_id, off, len, size, format)
         JOIN llm_trace_drains d ON d.id = t.drain_id)
     UPDATE llm_keys SET last_used_at = now()
      WHERE id = ANY($8::uuid[]) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [...outboxRowParams(rows), usedKeyIds],
  );
}

/**
 * Sealed rows as the parameters $1–$7 of an INSERT into trace_outbox: drain ids, span ids, the
 * payloads as one bytea, then offsets, lengths, sizes and formats.
 */
export function outboxRowParams(rows: SealedRows): unknown[] {
  return [
    rows.drainIds,
    rows.spanIds,
    Buffer.from(rows.payloads),
    rows.offsets,
    rows.lengths,
    rows.sizeBytes,
    rows.formats,
  ];
}

/** Drains whose rows may be claimed: active, not held for authentication, organization enabled. */
export async function claimableDrains(sql: SqlExecutor): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT d.id FROM llm_trace_drains d JOIN organizations g ON g.id = d.organization_id
      WHERE d.paused_at IS NULL AND d.auth_failed_at IS NULL
        AND g.baa_signed_at IS NOT NULL AND g.ai_gateway_beta_enrolled_at IS NOT NULL`,
  );
  return rows.map((r) => r.id);
}

/** Leases up to `limit` due rows of one drain, oldest first (trace_outbox_claim_idx). */
export async function claimBatch(
  sql: SqlExecutor,
  drainId: string,
  limit: number,
  leaseMs: number,
): Promise<ClaimedRow[]> {
  const rows = await sql.query<Omit<ClaimedRow, "payload"> & { id: string | number | bigint; payload: string }>(
    `UPDATE trace_outbox o
        SET leased_until = now() + ($3::int * interval '1 millisecond'), attempts = o.attempts + 1
      WHERE o.id IN (
        SELECT c.id FROM trace_outbox c
         WHERE c.drain_id = $1 AND c.dead_at IS NULL AND c.available_at <= now()
           AND (c.leased_until IS NULL OR c.leased_until < now())
         ORDER BY c.available_at, c.id
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.drain_id, o.span_id, encode(o.payload, 'base64') AS payload, o.payload_format, o.size_bytes, o.attempts, o.first_failed_at`,
    [drainId, limit, leaseMs],
  );
  return rows.map((r) => ({ ...r, id: String(r.id), payload: bytesFromBase64(r.payload) }));
}

export async function deleteRows(sql: SqlExecutor, ids: string[]): Promise<void> {
  if (ids.length > 0) await sql.query(`DELETE FROM trace_outbox WHERE id = ANY($1::bigint[])`, [ids]);
}

/** Back to the queue after `delayMs`, remembering the first failure and the error. */
export async function reschedule(sql: SqlExecutor, ids: string[], delayMs: number, error: string): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(
    `UPDATE trace_outbox
        SET leased_until = NULL,
            available_at = now() + ($2::int * interval '1 millisecond'),
            first_failed_at = COALESCE(first_failed_at, now()),
            last_error = $3
      WHERE id = ANY($1::bigint[])`,
    [ids, Math.round(delayMs), error.slice(0, 2000)],
  );
}

/** Releases rows without counting the attempt (the drain is held, not the rows at fault). */
export async function release(sql: SqlExecutor, ids: string[]): Promise<void> {
  if (ids.length > 0)
    await sql.query(
      `UPDATE trace_outbox SET leased_until = NULL, attempts = GREATEST(attempts - 1, 0) WHERE id = ANY($1::bigint[])`,
      [ids],
    );
}

export async function deadLetter(sql: SqlExecutor, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await sql.query(
    `UPDATE trace_outbox SET dead_at = now(), leased_until = NULL, first_failed_at = COALESCE(first_failed_at, now()), last_error = $2 WHERE id = ANY($1::bigint[])`,
    [ids, reason.slice(0, 2000)],
  );
}

export async function countOutcome(
  sql: SqlExecutor,
  drainId: string,
  field: "delivered" | "failed" | "dead_lettered",
  n: number,
): Promise<void> {
  if (n === 0) return;
  await sql.query(
    `INSERT INTO drain_delivery_buckets (drain_id, bucket_start, ${field}) VALUES ($1, date_trunc('hour', now()), $2)
     ON CONFLICT (drain_id, bucket_start) DO UPDATE SET ${field} = drain_delivery_buckets.${field} + EXCLUDED.${field}`,
    [drainId, n],
  );
}

export async function purgeDeadLetters(sql: SqlExecutor, retentionMs: number): Promise<number> {
  const rows = await sql.query<{ n: number | string }>(
    `WITH gone AS (DELETE FROM trace_outbox WHERE dead_at < now() - ($1::bigint * interval '1 millisecond') RETURNING 1) SELECT count(*) AS n FROM gone`,
    [retentionMs],
  );
  return Number(rows[0]?.n ?? 0);
}

/** How many export attempts per drain "Recent deliveries" keeps. */
export const ATTEMPTS_KEPT = 100;

export type Attempt = {
  outcome: "delivered" | "partial" | "retrying" | "rejected" | "refused";
  httpStatus: number | null;
  spanCount: number;
  durationMs: number;
  message: string | null;
};

/**
 * Records one export attempt and forgets the drain's older ones: the DELETE sees the rows as
 * they were before this INSERT, so keeping ATTEMPTS_KEPT − 1 of them leaves ATTEMPTS_KEPT.
 */
/** An export outcome as "Recent deliveries" lists it (`retried`: false for a span sent once). */
export function attemptOf(outcome: ExportOutcome, spanCount: number, ms: number, retried = true): Attempt {
  const base = {
    spanCount,
    durationMs: Math.round(ms),
    httpStatus: "status" in outcome ? (outcome.status ?? null) : null,
  };
  switch (outcome.kind) {
    case "delivered":
      return outcome.rejected
        ? {
            ...base,
            outcome: "partial",
            message: `${outcome.rejected.count} of ${spanCount} spans rejected: ${outcome.rejected.message}`,
          }
        : { ...base, outcome: "delivered", message: null };
    case "rejected":
      return { ...base, outcome: "rejected", message: outcome.message };
    case "auth":
      return { ...base, outcome: "refused", message: outcome.message };
    case "suspended":
    case "retryable":
      // Sent once (Send test trace): "Will retry" would promise what does not happen.
      return retried
        ? { ...base, outcome: "retrying", message: outcome.message }
        : { ...base, outcome: "rejected", message: `Test trace, not retried: ${outcome.message}` };
  }
}

/** The destination took a span: the drain's status and its "last success" say so. */
export async function recordSuccess(sql: SqlExecutor, drainId: string): Promise<void> {
  await sql.query(`UPDATE llm_trace_drains SET last_success_at = now() WHERE id = $1`, [drainId]);
}

export async function recordAttempt(sql: SqlExecutor, drainId: string, a: Attempt): Promise<void> {
  await sql.query(
    `WITH added AS (
       INSERT INTO drain_delivery_attempts (drain_id, outcome, http_status, span_count, duration_ms, message)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)
     DELETE FROM drain_delivery_attempts
      WHERE drain_id = $1 AND id <= (SELECT id FROM drain_delivery_attempts WHERE drain_id = $1
                                      ORDER BY id DESC OFFSET $7 - 1 LIMIT 1)`,
    [drainId, a.outcome, a.httpStatus, a.spanCount, a.durationMs, a.message?.slice(0, 1000) ?? null, ATTEMPTS_KEPT],
  );
}

/** Counts records a drain's sampling or filters left out, in its hourly bucket. */
export async function countLeftOut(
  sql: SqlExecutor,
  drainId: string,
  sampled: number,
  filtered: number,
): Promise<void> {
  if (sampled === 0 && filtered === 0) return;
  await sql.query(
    `INSERT INTO drain_delivery_buckets (drain_id, bucket_start, sampled_out, filtered_out)
     VALUES ($1, date_trunc('hour', now()), $2, $3)
     ON CONFLICT (drain_id, bucket_start) DO UPDATE SET
       sampled_out = drain_delivery_buckets.sampled_out + EXCLUDED.sampled_out,
       filtered_out = drain_delivery_buckets.filtered_out + EXCLUDED.filtered_out`,
    [drainId, sampled, filtered],
  );
}
