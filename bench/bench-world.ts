// Shared set-up for the benchmarks: a fresh database (PostgreSQL from BENCH_DATABASE_URL,
// dropped afterwards, or an in-memory PGlite) holding one enabled organization, one
// environment, one LLM key and one drain.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, closeDatabase } from "../lib/db/open";
import { setDatabase, type Database } from "../lib/db/database";
import { config } from "../lib/config/env";
import { hashLlmKey } from "../lib/auth/llm-key-secret";
import { encryptSecrets } from "../lib/crypto/drain-secrets";

export const BENCH_KEY_SECRET = "sk-apt-bench-key";

export type BenchWorld = {
  database: Database;
  kind: "postgres" | "pglite";
  drainId: string;
  close: () => Promise<void>;
};

export async function openBenchWorld(drain: {
  baseUrl: string;
  publicKey: string;
  secretKey: string;
}): Promise<BenchWorld> {
  const url = process.env.BENCH_DATABASE_URL;
  let database: Database;
  let drop = async () => undefined;
  if (url) {
    const name = `bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    database = await openDatabase({ kind: "postgres", url: u.toString() });
    drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  } else database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  setDatabase(database);

  const prisma = database.prisma;
  const org = await prisma.organization.create({
    data: { handle: "bench", name: "Bench", baaSignedAt: new Date(), aiGatewayBetaEnrolledAt: new Date() },
  });
  const env = await prisma.environment.create({ data: { organizationId: org.id, handle: "bench-production" } });
  await prisma.llmKey.create({
    data: {
      organizationId: org.id,
      environmentId: env.id,
      alias: "bench",
      keyHash: hashLlmKey(BENCH_KEY_SECRET),
      prefix: "sk-apt-benc",
    },
  });
  const drainId = randomUUID();
  await prisma.llmTraceDrain.create({
    data: {
      id: drainId,
      organizationId: org.id,
      environmentId: env.id,
      type: "langfuse",
      handle: "bench",
      config: { baseUrl: drain.baseUrl, publicKey: drain.publicKey },
      secrets: encryptSecrets(config().drainKeyring, org.id, drainId, { secretKey: drain.secretKey }),
      secretHints: { secretKey: "sk-lf-…" },
    },
  });
  return {
    database,
    kind: url ? "postgres" : "pglite",
    drainId,
    close: async () => {
      await closeDatabase(database);
      await drop();
    },
  };
}
