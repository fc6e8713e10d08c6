// Structured JSON logs, one object per line. Callers pass facts, never secrets:
// there is deliberately no helper that logs a request body or headers.
type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, string | number | boolean | null | undefined>;

function write(level: Level, msg: string, fields: Fields = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (msg: string, fields?: Fields) => {
    if (process.env.LOG_LEVEL === "debug") write("debug", msg, fields);
  },
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};

/** The class and message of an error, safe to log: never its stack or attached data. */
export function errorFields(err: unknown): Fields {
  if (err instanceof Error) return { errorClass: err.name, errorMessage: err.message.slice(0, 500) };
  return { errorClass: typeof err };
}
