import { bytesFromBase64, type SqlExecutor } from "../db/driver";
import { outboxRowParams } from "../delivery/outbox-store";
import type { SealedRows } from "./seal-slice";

// Set-based SQL for staged ingest (ingest_stage). Ingest stores checked records here before
// its 202; a sealer claims them with a lease (FOR UPDATE SKIP LOCKED, so servers sharing a
// database share the work, and a stopped server's rows come back when its lease runs out) and
// turns them into outbox rows in one statement that also deletes the staged row: a row sealed
// twice (its lease ran out mid-way) is queued once, by whichever sealer deletes it first.

export type StagedSlice = { payload: ArrayBuffer; records: number; keyHashes: string[] };
export type ClaimedStage = {
  id: string;
  payload: Uint8Array;
  key_hashes: string[];
  records: number;
  attempts: number;
  /** When it was staged, in this process's performance.now() time (how long it has waited). */
  stagedAt: number;
};

/** Rows are tried this many times; one that still fails stays in the table for an operator. */
export const STAGE_MAX_ATTEMPTS = 5;

/**
 * Stores staged slices in one statement, with the keys' "last used" at minute precision. The
 * payloads travel as one binary parameter sliced by offset in SQL (an array of bytea would go
 * as hex text).
 */
export async function insertStaged(sql: SqlExecutor, slices: StagedSlice[], usedKeyIds: string[]): Promise<string[]> {
  const total = slices.reduce((n, s) => n + s.payload.byteLength, 0);
  const payloads = Buffer.allocUnsafe(total);
  const offsets: number[] = [];
  let at = 0;
  for (const s of slices) {
    offsets.push(at);
    payloads.set(new Uint8Array(s.payload), at);
    at += s.payload.byteLength;
  }
  // Ids are drawn first, so each slice learns its own (the sealer of this server seals it
  // from memory, stage-sealer.ts).
  const rows = await sql.query<{ id: string | number | bigint }>(
    `WITH src AS MATERIALIZED (
       SELECT nextval(pg_get_serial_sequence('ingest_stage', 'id')) AS id, t.*
         FROM unnest($2::int[], $3::int[], $4::int[], $5::text[]) WITH ORDINALITY AS t(off, len, records, hashes, n)),
     staged AS (
       INSERT INTO ingest_stage (id, payload, records, key_hashes)
       SELECT id, substring($1::bytea FROM off + 1 FOR len), records, string_to_array(hashes, ',') FROM src),
     used AS (
       UPDATE llm_keys SET last_used_at = now()
        WHERE id = ANY($6::uuid[]) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
     SELECT id FROM src ORDER BY n`,
    [
      payloads,
      offsets,
      slices.map((s) => s.payload.byteLength),
      slices.map((s) => s.records),
      slices.map((s) => s.keyHashes.join(",")),
      usedKeyIds,
    ],
  );
  return rows.map((r) => String(r.id));
}

/**
 * Leases the oldest staged rows, up to `maxRows` and `maxBytes` of payload (at least one row),
 * so what a sealer holds in memory is bounded whatever the rows' sizes.
 */
export async function claimStaged(
  sql: SqlExecutor,
  maxRows: number,
  maxBytes: number,
  leaseMs: number,
  minAgeMs = 0,
): Promise<ClaimedStage[]> {
  const rows = await sql.query<
    Omit<ClaimedStage, "stagedAt" | "payload"> & { id: string | number | bigint; payload: string; age_ms: number }
  >(
    `WITH candidates AS (
       SELECT c.id, octet_length(c.payload) AS bytes FROM ingest_stage c
        WHERE (c.leased_until IS NULL OR c.leased_until < now()) AND c.attempts < $3
          AND c.created_at <= now() - ($5::int * interval '1 millisecond')
        ORDER BY c.id
        LIMIT $1
        FOR UPDATE SKIP LOCKED),
     picked AS (
       SELECT id FROM (
         SELECT id, sum(bytes) OVER (ORDER BY id) AS running, row_number() OVER (ORDER BY id) AS n FROM candidates) x
        WHERE running <= $4 OR n = 1)
     UPDATE ingest_stage s
        SET leased_until = now() + ($2::int * interval '1 millisecond'), attempts = s.attempts + 1
      WHERE s.id IN (SELECT id FROM picked)
      RETURNING s.id, encode(s.payload, 'base64') AS payload, s.key_hashes, s.records, s.attempts,
                (extract(epoch FROM now() - s.created_at) * 1000)::int AS age_ms`,
    [maxRows, leaseMs, STAGE_MAX_ATTEMPTS, maxBytes, minAgeMs],
  );
  const now = performance.now();
  return rows
    .map(({ age_ms, ...r }) => ({
      ...r,
      id: String(r.id),
      payload: bytesFromBase64(r.payload),
      stagedAt: now - age_ms,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** Leases the given staged rows (those this server staged), where no other sealer holds them. */
export async function leaseStaged(sql: SqlExecutor, stageIds: string[], leaseMs: number): Promise<Set<string>> {
  const rows = await sql.query<{ id: string | number | bigint }>(
    `UPDATE ingest_stage
        SET leased_until = now() + ($2::int * interval '1 millisecond'), attempts = attempts + 1
      WHERE id = ANY($1::bigint[]) AND (leased_until IS NULL OR leased_until < now()) AND attempts < $3
      RETURNING id`,
    [stageIds, leaseMs, STAGE_MAX_ATTEMPTS],
  );
  return new Set(rows.map((r) => String(r.id)));
}

/**
 * Queues staged rows' sealed spans and deletes the rows, in one statement. `rowStages` gives,
 * for each span row, the index in `stageIds` of the staged row it came from: a staged row that
 * is gone (another sealer finished it first) queues nothing. Returns how many were deleted.
 */
export async function storeSealedStage(
  sql: SqlExecutor,
  stageIds: string[],
  rows: SealedRows,
  rowStages: number[],
): Promise<number> {
  const [done] = await sql.query<{ deleted: number }>(
    `WITH gone AS (DELETE FROM ingest_stage WHERE id = ANY($8::bigint[]) RETURNING id),
     stored AS (
       INSERT INTO trace_outbox (drain_id, span_id, payload, size_bytes, payload_format)
       SELECT t.drain_id, t.span_id, substring($3::bytea FROM t.off + 1 FOR t.len), t.size, t.format
         FROM unnest($1::uuid[], $2::text[], $4::int[], $5::int[], $6::int[], $7::int[], $9::bigint[])
           AS t(drain_id, span_id, off, len, size, format, stage_id)
         JOIN llm_trace_drains d ON d.id = t.drain_id
         JOIN gone g ON g.id = t.stage_id)
     SELECT count(*)::int AS deleted FROM gone`,
    [...outboxRowParams(rows), stageIds, rowStages.map((i) => stageIds[i])],
  );
  return done?.deleted ?? 0;
}

/** Gives rows back before their lease ends, to be tried again after `delayMs`. */
export async function releaseStaged(sql: SqlExecutor, stageIds: string[], delayMs: number): Promise<void> {
  await sql.query(
    `UPDATE ingest_stage SET leased_until = now() + ($2::int * interval '1 millisecond') WHERE id = ANY($1::bigint[])`,
    [stageIds, delayMs],
  );
}

/** Records acknowledged and not yet sealed, for health and the benchmark. */
export async function stagedBacklog(sql: SqlExecutor): Promise<{ rows: number; records: number }> {
  const [row] = await sql.query<{ rows: number; records: number }>(
    `SELECT count(*)::int AS rows, coalesce(sum(records), 0)::int AS records FROM ingest_stage`,
  );
  return row ?? { rows: 0, records: 0 };
}
