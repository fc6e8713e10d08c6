-- Claims read one drain's due rows in order: (drain_id, available_at, id) over live rows only,
-- so a claim stops after its LIMIT whatever the backlog, and the plan does not depend on
-- fresh statistics (a table that grew by a million rows since its last ANALYZE made the old
-- plan sort every queued row of the drain on every claim).
DROP INDEX "trace_outbox_dead_at_available_at_idx";
CREATE INDEX "trace_outbox_claim_idx" ON "trace_outbox" ("drain_id", "available_at", "id") WHERE "dead_at" IS NULL;
-- Dead letters are few: purge and listing find them without scanning the queue.
CREATE INDEX "trace_outbox_dead_idx" ON "trace_outbox" ("dead_at") WHERE "dead_at" IS NOT NULL;
-- A queue table: rows are inserted, leased and deleted all day. Vacuum and analyze it often.
ALTER TABLE "trace_outbox" SET (
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_cost_delay = 0
);
