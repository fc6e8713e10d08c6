import pino from "pino";
import { logLevelFrom } from "./config/log-level";

// Structured JSON logs, one object per line, through pino at the configured LOG_LEVEL.
// Callers pass facts, never secrets: there is deliberately no helper that logs a request
// body or headers, and pino's redaction covers the usual secret-bearing keys as a backstop.
type Fields = Record<string, string | number | boolean | null | undefined>;

const logger = pino(
  {
    level: logLevelFrom(process.env),
    base: undefined,
    messageKey: "msg",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ["authorization", "password", "secretKey", "token", "*.authorization", "*.secretKey"],
      censor: "[redacted]",
    },
  },
  process.stdout,
);

export const log = {
  debug: (msg: string, fields?: Fields) => logger.debug(fields ?? {}, msg),
  info: (msg: string, fields?: Fields) => logger.info(fields ?? {}, msg),
  warn: (msg: string, fields?: Fields) => logger.warn(fields ?? {}, msg),
  error: (msg: string, fields?: Fields) => logger.error(fields ?? {}, msg),
};

/** The class and message of an error, safe to log: never its stack or attached data. */
export function errorFields(err: unknown): Fields {
  if (err instanceof Error) return { errorClass: err.name, errorMessage: err.message.slice(0, 500) };
  return { errorClass: typeof err };
}
