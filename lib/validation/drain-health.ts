// Shapes of drain delivery health, shared by the server and the drain pages.

export type DrainHealthStatus =
  "healthy" | "failing" | "authentication_failed" | "ingestion_suspended" | "paused" | "suspended";

export type DrainHealth = {
  status: DrainHealthStatus;
  delivered24h: number;
  failed24h: number;
  deadLettered24h: number;
  pending: number;
  deadLetters: number;
  lastSuccessAt: string | null;
  lastError: { at: string; httpStatus: number | null; message: string } | null;
  hourly: { hour: string; delivered: number; failed: number; deadLettered: number }[];
};

export type TestTraceResult = { ok: boolean; traceId: string; message: string; httpStatus?: number };
