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

type Group<K extends string> = { [key in K]: boolean } & { n: number; records: number; oldest: Date | null };

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export async function ingestPipelineStatus(): Promise<IngestPipelineView> {
  const sql = database().driver;
  const [stage, outbox] = await Promise.all([
    sql.query<Group<"unsealable">>(
      `SELECT (${UNSEALABLE}) AS unsealable, count(*)::int AS n, coalesce(sum(records), 0)::int AS records,
              min(created_at) AS oldest
         FROM ingest_stage GROUP BY 1`,
      [STAGE_MAX_ATTEMPTS],
    ),
    sql.query<Group<"dead">>(
      `SELECT dead_at IS NOT NULL AS dead, count(*)::int AS n, 0 AS records, min(created_at) AS oldest
         FROM trace_outbox GROUP BY 1`,
    ),
  ]);
  const staged = stage.find((g) => !g.unsealable);
  const unsealable = stage.find((g) => g.unsealable);
  const queued = outbox.find((g) => !g.dead);
  return {
    staged: { records: staged?.records ?? 0, oldestAt: iso(staged?.oldest) },
    unsealable: { records: unsealable?.records ?? 0, oldestAt: iso(unsealable?.oldest) },
    queued: { spans: queued?.n ?? 0, oldestAt: iso(queued?.oldest) },
    deadLetters: outbox.find((g) => g.dead)?.n ?? 0,
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
