import "server-only";
import { database } from "../../db/database";
import { STAGE_MAX_ATTEMPTS } from "../../ingest/stage-store";
import { recordAudit } from "../audit";
import type { IngestPipelineView } from "../../validation/admin";

// What the platform holds between the gateway's 202 and the destinations, across every
// organization, for platform admins (callers check isPlatformAdmin). Counts only: the rows
// themselves hold prompts.

/** Where a staged row counts as given up on: tried the maximum number of times and not held by a sealer now. */
const UNSEALABLE = `attempts >= $1 AND (leased_until IS NULL OR leased_until < now())`;
/**
 * Spans are counted up to this many: the page stays fast, and cheap for a database it shares
 * with ingest, however long a destination has been down.
 */
export const SPAN_COUNT_CAP = 100_000;

type StageGroup = { unsealable: boolean; records: number; oldest: Date | null };
type OutboxCounts = { queued: number; queued_oldest: Date | null; dead: number; dead_oldest: Date | null };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const capped = (n: number, oldest: Date | null) => ({
  spans: Math.min(n, SPAN_COUNT_CAP),
  more: n > SPAN_COUNT_CAP,
  oldestAt: iso(oldest),
});

export async function ingestPipelineStatus(): Promise<IngestPipelineView> {
  const sql = database().driver;
  // ingest_stage holds a row per slice of up to 256 records: small even with a large backlog.
  const [stage, [outbox]] = await Promise.all([
    sql.query<StageGroup>(
      `SELECT (${UNSEALABLE}) AS unsealable, coalesce(sum(records), 0)::int AS records, min(created_at) AS oldest
         FROM ingest_stage GROUP BY 1`,
      [STAGE_MAX_ATTEMPTS],
    ),
    // Bounded counts on the outbox's partial indexes; the oldest queued span by id (the
    // primary key), the oldest dead letter by when it was given up on.
    sql.query<OutboxCounts>(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM trace_outbox WHERE dead_at IS NULL LIMIT $1) q) AS queued,
              (SELECT created_at FROM trace_outbox WHERE dead_at IS NULL ORDER BY id LIMIT 1) AS queued_oldest,
              (SELECT count(*)::int FROM (SELECT 1 FROM trace_outbox WHERE dead_at IS NOT NULL LIMIT $1) q) AS dead,
              (SELECT min(dead_at) FROM trace_outbox WHERE dead_at IS NOT NULL) AS dead_oldest`,
      [SPAN_COUNT_CAP + 1],
    ),
  ]);
  const staged = stage.find((g) => !g.unsealable);
  const unsealable = stage.find((g) => g.unsealable);
  return {
    staged: { records: staged?.records ?? 0, oldestAt: iso(staged?.oldest) },
    unsealable: { records: unsealable?.records ?? 0, oldestAt: iso(unsealable?.oldest) },
    queued: capped(outbox?.queued ?? 0, outbox?.queued_oldest ?? null),
    deadLetters: capped(outbox?.dead ?? 0, outbox?.dead_oldest ?? null),
  };
}

/**
 * Gives staged rows that sealing gave up on their tries back, once what failed them is fixed
 * (the server log says what: "staged ingest: sealing failed"). Any server's sealer picks them up.
 */
export async function retryUnsealable(actor: { userId: string; ip: string | null }): Promise<{ records: number }> {
  const rows = await database().driver.query<{ records: number }>(
    `UPDATE ingest_stage SET attempts = 0, leased_until = NULL WHERE ${UNSEALABLE} RETURNING records`,
    [STAGE_MAX_ATTEMPTS],
  );
  const records = rows.reduce((n, r) => n + Number(r.records), 0);
  if (rows.length > 0) {
    await recordAudit({
      actorId: actor.userId,
      organizationId: null,
      action: "ingest_stage.retry",
      targetType: "ingest_stage",
      ip: actor.ip,
    });
  }
  return { records };
}
