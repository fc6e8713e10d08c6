import "server-only";
import type pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { config } from "../config/env";
import { openPostgresPool } from "../db/driver";
import { AppError } from "../errors";

// Rate limits with rate-limiter-flexible. On PostgreSQL every instance shares the counters
// (table rate_limits, one atomic upsert per attempt, expired rows cleared by the library);
// the embedded database belongs to one process, so its counters live in that process.
// Limits are sized so honest use never meets them, while one caller cannot brute-force a
// password or turn the dashboard into a request amplifier against customer URLs.

type Spec = { keyPrefix: string; points: number; duration: number; inProcess?: boolean };

const SPECS = {
  /** Wrong passwords for one account from one address: five, then wait. Others are not locked out. */
  signInAccountFromIp: { keyPrefix: "sign-in:ip-account", points: 5, duration: 15 * 60 },
  /** Sign-in attempts from one address, across accounts. */
  signInIp: { keyPrefix: "sign-in:ip", points: 50, duration: 15 * 60 },
  /** Test connection (unsaved or saved) per user. */
  testConnection: { keyPrefix: "test-connection:user", points: 20, duration: 60 },
  /** Send test trace per user (per drain, deleting and recreating a drain started it over). */
  testTrace: { keyPrefix: "test-trace:user", points: 10, duration: 60 },
  /** Redaction previews per user: each runs the patterns it is given on up to 20,000 characters. */
  redactionPreview: { keyPrefix: "redaction-preview:user", points: 30, duration: 60 },
  /**
   * Ingest requests per client address and second, counted in each process (no database
   * round trip on the hot path). LiteLLM flushes every 5 s or 512 records (~10 requests/s at
   * 5,000 records/s), but a gateway may post each record on its own: one request per record
   * at 1,000+ records/s must fit with room. The limit only stops a runaway loop.
   */
  ingest: { keyPrefix: "ingest:ip", points: 5000, duration: 1, inProcess: true },
} satisfies Record<string, Spec>;

export type LimitName = keyof typeof SPECS;

const holder = globalThis as unknown as {
  __rateLimiters?: Map<LimitName, RateLimiterAbstract>;
  __rateLimitPool?: pg.Pool;
};

function limiter(name: LimitName): RateLimiterAbstract {
  holder.__rateLimiters ??= new Map();
  let found = holder.__rateLimiters.get(name);
  if (!found) {
    const cfg = config();
    const { inProcess, ...spec }: Spec = SPECS[name];
    if (cfg.database.kind === "postgres" && !inProcess) {
      holder.__rateLimitPool ??= openPostgresPool(cfg.database.url, 3);
      found = new RateLimiterPostgres({
        ...spec,
        storeClient: holder.__rateLimitPool,
        tableName: "rate_limits",
        tableCreated: true,
        clearExpiredByTimeout: true,
      });
    } else found = new RateLimiterMemory(spec);
    holder.__rateLimiters.set(name, found);
  }
  return found;
}

function tooMany(res: RateLimiterRes, message: string): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError("rate_limited", message, undefined, { "Retry-After": String(seconds) });
}

/** Counts one attempt; throws 429 with Retry-After when the key is over its limit. */
export async function consumeLimit(name: LimitName, key: string, message: string): Promise<void> {
  try {
    await limiter(name).consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw tooMany(err, message);
    throw err;
  }
}

/** Forgets a key's count (a successful sign-in clears its failures). */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

/** Test hook: forget every in-process limiter (the database ones are per test database). */
export function resetLimiters(): void {
  holder.__rateLimiters = undefined;
}
