import { z } from "zod";

// LOG_LEVEL is part of the validated configuration (env.ts); the logger reads it through the
// same schema, on its own, because configuration parsing itself logs (generated secrets).
export const logLevel = z.enum(["debug", "info", "warn", "error"]).default("info");
export type LogLevel = z.infer<typeof logLevel>;

export function logLevelFrom(env: Record<string, string | undefined>): LogLevel {
  const parsed = logLevel.safeParse(env.LOG_LEVEL || undefined);
  return parsed.success ? parsed.data : "info";
}
