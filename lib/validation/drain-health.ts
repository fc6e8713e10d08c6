// Shapes of drain delivery health, shared by the server and the drain pages.

/** One status per drain, derived in one place (lib/server/llm-trace-drains/health.ts). */
export type DrainHealthStatus =
  "waiting" | "healthy" | "failing" | "authentication_failed" | "ingestion_suspended" | "paused" | "suspended";

export type DrainHealth = {
  status: DrainHealthStatus;
  delivered24h: number;
  failed24h: number;
  deadLettered24h: number;
  /** Records the drain's sampling or filters left out in 24 h (counted, not sent). */
  sampledOut24h: number;
  filteredOut24h: number;
  pending: number;
  deadLetters: number;
  lastSuccessAt: string | null;
  lastError: { at: string; httpStatus: number | null; message: string } | null;
  /** How long failed deliveries are retried before they become dead letters (DELIVERY_MAX_AGE_HOURS). */
  retryWindowHours: number;
  /** Why a suspended drain forwards nothing (the organization's missing BAA or enrollment); else null. */
  suspendedReason: string | null;
  hourly: { hour: string; delivered: number; failed: number; deadLettered: number }[];
};

export type TestTraceResult = {
  ok: boolean;
  traceId: string;
  message: string;
  httpStatus?: number;
  /** The trace in the destination's own UI (Langfuse), when it has one. */
  traceUrl?: string;
};

/** An export attempt as "Recent deliveries" lists it. */
export type DeliveryAttempt = {
  at: string;
  outcome: "delivered" | "partial" | "retrying" | "rejected" | "refused";
  httpStatus: number | null;
  spanCount: number;
  durationMs: number;
  message: string | null;
};

/** A span that gave up, identified without its content. */
export type DeadLetter = {
  id: string;
  deadAt: string;
  requestId: string | null;
  model: string | null;
  reason: string;
  attempts: number;
};

export type DrainDeliveries = { attempts: DeliveryAttempt[]; deadLetters: DeadLetter[]; deadLetterTotal: number };
