import { z } from "zod";
import os from "node:os";
import path from "node:path";
import { readOrCreateSecretFile } from "./secret-file";
import { generateKeyringSpec, KeyringError, parseKeyring, type Keyring } from "../crypto/keyring";
import { parseAllowList } from "../outbound/address-policy";
import { logLevel, type LogLevel } from "./log-level";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)").optional(),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  DRAIN_ENCRYPTION_KEYS: z.string().optional(),
  OUTBOUND_ALLOWED_HOSTS: z
    .string()
    .optional()
    .superRefine((spec, ctx) => {
      try {
        parseAllowList(spec);
      } catch (err) {
        const detail = err instanceof Error ? err.message : "invalid";
        ctx.addIssue({
          code: "custom",
          message: `use comma-separated host names, IP addresses or CIDRs (${detail})`,
        });
      }
    }),
  GATEWAY_INGEST_TOKEN: z.string().min(24, "must be at least 24 characters (try: openssl rand -hex 32)").optional(),
  // Bodies are streamed record by record, so this only stops runaway bodies: a default
  // LiteLLM flush of 512 agent records (~45 KB each) is ~23 MB.
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  // One record larger than this is skipped with a reason, never held whole: a small gzip body
  // can inflate to a single enormous record. Base64 images make the largest real records.
  INGEST_MAX_RECORD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  RUN_WORKER: z.enum(["true", "false"]).default("true"),
  // Threads that seal ingested records; 0 seals on the server's own thread.
  INGEST_THREADS: z.coerce.number().int().min(0).max(16).default(os.availableParallelism()),
  // Answer the gateway once records are checked and stored, and seal them after (PostgreSQL's default).
  INGEST_STAGING: z.enum(["true", "false"]).optional(),
  DELIVERY_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
  DEAD_LETTER_RETENTION_DAYS: z.coerce.number().positive().default(7),
  // A claimed span is another worker's to retry only after this long: longer than one
  // claim's exports take, short enough that a crashed worker's spans come back soon.
  DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  SEED_DEMO_DATA: z.enum(["true", "false"]).optional(),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: logLevel,
});

export type AppConfig = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  dataDir: string;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  sessionSecret: string;
  secureCookies: boolean;
  /** Seed demo data into an empty database (default: only for the embedded database). */
  seedDemoData: boolean;
  /** Believe the first X-Forwarded-For hop as the client address. */
  trustProxy: boolean;
  /** Encrypts drain secrets; the first key encrypts, any decrypts. */
  drainKeyring: Keyring;
  /** Bearer token the AI Gateway presents to the ingest endpoint. */
  gatewayIngestToken: string;
  /** True when the token was generated into DATA_DIR (then /admin shows it to platform admins). */
  gatewayIngestTokenGenerated: boolean;
  ingestMaxBytes: number;
  ingestMaxRecordBytes: number;
  /** Worker threads that seal ingested records (0: the server's own thread does it). */
  ingestThreads: number;
  /**
   * Stage ingest: answer once records are checked and stored encrypted, seal them afterwards
   * (lib/ingest/stage-sealer.ts). On by default on PostgreSQL, where the database has its own
   * process; off on the embedded database, which shares the server's one event loop.
   */
  ingestStaging: boolean;
  /** Run the delivery worker inside this process (the default; `npm run worker` runs it apart). */
  runWorker: boolean;
  /** How long a span keeps being retried before it becomes a dead letter. */
  deliveryMaxAgeMs: number;
  deadLetterRetentionMs: number;
  deliveryLeaseMs: number;
  logLevel: LogLevel;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses and checks the environment. Throws ConfigError with one line per problem. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = schema.safeParse({
    ...env,
    DATABASE_URL: env.DATABASE_URL || undefined,
    SESSION_SECRET: env.SESSION_SECRET || undefined,
  });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database = e.DATABASE_URL
    ? ({ kind: "postgres", url: e.DATABASE_URL } as const)
    : ({ kind: "pglite", dataDir: path.join(dataDir, "pglite") } as const);

  if (!e.SESSION_SECRET && e.NODE_ENV === "production" && database.kind === "postgres") {
    throw new ConfigError(
      "Invalid configuration:\n  SESSION_SECRET: required in production with an external database, so every instance shares it (try: openssl rand -hex 32)",
    );
  }
  const sessionSecret = e.SESSION_SECRET ?? readOrCreateSecretFile(dataDir, "session-secret", "SESSION_SECRET");
  const gatewayIngestToken =
    e.GATEWAY_INGEST_TOKEN ?? readOrCreateSecretFile(dataDir, "gateway-ingest-token", "GATEWAY_INGEST_TOKEN");
  const drainKeyring = loadDrainKeyring(
    e.DRAIN_ENCRYPTION_KEYS,
    dataDir,
    e.NODE_ENV === "production" && database.kind === "postgres",
  );

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    dataDir,
    database,
    sessionSecret,
    secureCookies: e.SECURE_COOKIES
      ? e.SECURE_COOKIES === "true"
      : e.NODE_ENV === "production" && database.kind === "postgres",
    seedDemoData: e.SEED_DEMO_DATA ? e.SEED_DEMO_DATA === "true" : database.kind === "pglite",
    trustProxy: e.TRUST_PROXY === "true",
    drainKeyring,
    gatewayIngestToken,
    gatewayIngestTokenGenerated: !e.GATEWAY_INGEST_TOKEN,
    ingestMaxBytes: e.INGEST_MAX_BYTES,
    ingestMaxRecordBytes: e.INGEST_MAX_RECORD_BYTES,
    runWorker: e.RUN_WORKER === "true",
    ingestThreads: e.INGEST_THREADS,
    ingestStaging: e.INGEST_STAGING ? e.INGEST_STAGING === "true" : database.kind === "postgres",
    deliveryMaxAgeMs: e.DELIVERY_MAX_AGE_HOURS * 3600_000,
    deliveryLeaseMs: e.DELIVERY_LEASE_SECONDS * 1000,
    deadLetterRetentionMs: e.DEAD_LETTER_RETENTION_DAYS * 86400_000,
    logLevel: e.LOG_LEVEL,
  };
}

function loadDrainKeyring(spec: string | undefined, dataDir: string, explicitRequired: boolean): Keyring {
  if (!spec && explicitRequired) {
    throw new ConfigError(
      "Invalid configuration:\n  DRAIN_ENCRYPTION_KEYS: required in production with an external database, kept apart from the data (format: v1:$(openssl rand -base64 32))",
    );
  }
  const value =
    spec ||
    readOrCreateSecretFile(dataDir, "drain-encryption-keys", "DRAIN_ENCRYPTION_KEYS", () => generateKeyringSpec("v1"));
  try {
    return parseKeyring(value);
  } catch (err) {
    if (err instanceof KeyringError)
      throw new ConfigError(`Invalid configuration:\n  DRAIN_ENCRYPTION_KEYS: ${err.message}`);
    throw err;
  }
}

const globalForConfig = globalThis as unknown as { __appConfig?: AppConfig };

/** The process-wide configuration, parsed once. */
export function config(): AppConfig {
  globalForConfig.__appConfig ??= parseConfig(process.env);
  return globalForConfig.__appConfig;
}
