// Recognises "the database is not there" among driver and Prisma errors, by walking
// the cause chain for connection-level codes, so callers can answer 503 rather than 500.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "25006", // read_only_sql_transaction: a read-only database (failover, maintenance)
  "53300", // too_many_connections
  "08004",
  "08000",
  "08001",
  "08003",
  "08006",
  "P1001",
  "P1002",
  "P1017",
]);

const CONNECTION_MESSAGES =
  /connection terminated|connection refused|timeout exceeded when trying to connect|Connection ended|not queryable|database system is (shutting down|starting up|in recovery mode)|PGlite is closed/i;

// Prisma's request errors name the database's code only in their message ("Database error.
// Code: `57P01`. Message: `terminating connection due to administrator command`").
const MESSAGE_CODE = /Code: `([0-9A-Z]{5})`/;

// Prisma's driver adapter reports connection failures by kind, without a code or message.
const CONNECTION_KINDS = new Set([
  "ConnectionClosed",
  "DatabaseNotReachable",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; current && depth < 6; depth++) {
    if (typeof current !== "object") return false;
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; kind?: unknown };
    if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
    if (typeof e.kind === "string" && CONNECTION_KINDS.has(e.kind)) return true;
    if (typeof e.originalCode === "string" && CONNECTION_CODES.has(e.originalCode)) return true;
    if (typeof e.message === "string") {
      if (CONNECTION_MESSAGES.test(e.message)) return true;
      const code = MESSAGE_CODE.exec(e.message)?.[1];
      if (code && CONNECTION_CODES.has(code)) return true;
    }
    current = e.cause;
  }
  return false;
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { originalCode?: unknown; kind?: unknown } } | null;
  return e?.code === "P2002" || e?.cause?.originalCode === "23505" || e?.cause?.kind === "UniqueConstraintViolation";
}
