-- The last export attempts of each drain (time, outcome, HTTP status, span count, duration,
-- the destination's message), for the drain page's "Recent deliveries". Bounded: the worker
-- keeps the newest 100 per drain. Holds no content.
CREATE TABLE "drain_delivery_attempts" (
  "id" BIGSERIAL PRIMARY KEY,
  "drain_id" UUID NOT NULL REFERENCES "llm_trace_drains"("id") ON DELETE CASCADE,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "outcome" TEXT NOT NULL,
  "http_status" INTEGER,
  "span_count" INTEGER NOT NULL,
  "duration_ms" INTEGER NOT NULL,
  "message" TEXT
);
CREATE INDEX "drain_delivery_attempts_drain_id_idx" ON "drain_delivery_attempts" ("drain_id", "id");
