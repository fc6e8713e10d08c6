-- Queued spans are stored the way they are sent: a gzip member of their OTLP protobuf frame
-- (payload_format 2). Rows queued before this migration keep format 1 (deflated JSON of the
-- mapped span) and are converted when they are delivered.
ALTER TABLE "trace_outbox" ADD COLUMN "payload_format" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "trace_outbox" ALTER COLUMN "payload_format" SET DEFAULT 2;

-- Payloads are encrypted, so PostgreSQL's own compression only spends CPU: store them as is.
ALTER TABLE "trace_outbox" ALTER COLUMN "payload" SET STORAGE EXTERNAL;
