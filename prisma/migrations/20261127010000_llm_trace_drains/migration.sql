-- CreateTable
CREATE TABLE "llm_trace_drains" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "public_key" TEXT NOT NULL,
    "secret_key_ciphertext" TEXT NOT NULL,
    "secret_key_hint" TEXT NOT NULL,
    "paused_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "llm_trace_drains_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "llm_trace_drains_organization_id_idx" ON "llm_trace_drains"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "llm_trace_drains_environment_id_handle_key" ON "llm_trace_drains"("environment_id", "handle");

-- AddForeignKey
ALTER TABLE "llm_trace_drains" ADD CONSTRAINT "llm_trace_drains_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "llm_trace_drains" ADD CONSTRAINT "llm_trace_drains_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "llm_trace_drains" ADD CONSTRAINT "llm_trace_drains_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
