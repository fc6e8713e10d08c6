-- AlterTable
ALTER TABLE "llm_trace_drains" ADD COLUMN     "auth_failed_at" TIMESTAMPTZ(3),
ADD COLUMN     "forward_content" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "last_error_at" TIMESTAMPTZ(3),
ADD COLUMN     "last_error_message" TEXT,
ADD COLUMN     "last_error_status" INTEGER,
ADD COLUMN     "last_success_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "trace_outbox" (
    "id" BIGSERIAL NOT NULL,
    "drain_id" UUID NOT NULL,
    "span_id" CHAR(16) NOT NULL,
    "payload" BYTEA NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leased_until" TIMESTAMPTZ(3),
    "first_failed_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "dead_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trace_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drain_delivery_buckets" (
    "drain_id" UUID NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "dead_lettered" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "drain_delivery_buckets_pkey" PRIMARY KEY ("drain_id","bucket_start")
);

-- CreateIndex
CREATE INDEX "trace_outbox_dead_at_available_at_idx" ON "trace_outbox"("dead_at", "available_at");

-- CreateIndex
CREATE INDEX "trace_outbox_drain_id_dead_at_idx" ON "trace_outbox"("drain_id", "dead_at");

-- AddForeignKey
ALTER TABLE "trace_outbox" ADD CONSTRAINT "trace_outbox_drain_id_fkey" FOREIGN KEY ("drain_id") REFERENCES "llm_trace_drains"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drain_delivery_buckets" ADD CONSTRAINT "drain_delivery_buckets_drain_id_fkey" FOREIGN KEY ("drain_id") REFERENCES "llm_trace_drains"("id") ON DELETE CASCADE ON UPDATE CASCADE;
