-- Per-drain controls (redaction, sampling, filters; lib/validation/drain-controls.ts), for
-- every destination; '{}' means none (forward everything, redact nothing). Records left out
-- by sampling or filters are counted per hour, not silently dropped.
ALTER TABLE "llm_trace_drains" ADD COLUMN "controls" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "drain_delivery_buckets"
  ADD COLUMN "sampled_out" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "filtered_out" INTEGER NOT NULL DEFAULT 0;
