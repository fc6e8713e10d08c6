-- Staged ingest (lib/ingest/stage-store.ts): a gateway batch is acknowledged once its checked
-- records are stored here as they came, encrypted; an ingest thread seals them into
-- trace_outbox afterwards, and the staged row is deleted in the same statement. A lease lets
-- any server take over rows whose sealer stopped.
CREATE TABLE "ingest_stage" (
    "id" BIGSERIAL NOT NULL,
    "payload" BYTEA NOT NULL,
    "records" INTEGER NOT NULL,
    "key_hashes" TEXT[] NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leased_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_stage_pkey" PRIMARY KEY ("id")
);

-- The payload is encrypted: PostgreSQL's own compression would only spend time failing.
ALTER TABLE "ingest_stage" ALTER COLUMN "payload" SET STORAGE EXTERNAL;
