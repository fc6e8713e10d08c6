// npm run bench -- [--records 20000] [--batch 500] [--size 10000]
// Measures the durable path on this machine: ingest (parse → attribute → map → encrypt →
// insert) and delivery (claim → decrypt → build OTLP → settle) with the exporter replaced
// by an in-process sink, so the numbers are ours, not the network's. Uses BENCH_DATABASE_URL
// (PostgreSQL; a fresh database is created and dropped) or an in-memory PGlite.
// Prints JSON. A benchmark, not a test: it never fails on timing.
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, closeDatabase } from "../lib/db/open";
import { setDatabase } from "../lib/db/database";
import { config } from "../lib/config/env";
import { hashLlmKey } from "../lib/auth/llm-key-secret";
import { encrypt } from "../lib/crypto/keyring";
import { drainSecretAad } from "../lib/crypto/drain-secret-aad";
import { ingestRecords } from "../lib/ingest/ingest-records";
import { parseIngestBody } from "../lib/ingest/parse-body";
import { DeliveryWorker } from "../lib/delivery/worker";
import { toReadableSpan } from "../lib/delivery/otlp-export";
import { buildRecord, RECORD_KINDS } from "../lib/simulator/records";

const { values } = parseArgs({ options: { records: { type: "string", default: "20000" }, batch: { type: "string", default: "500" }, size: { type: "string", default: "10000" } } });
const total = Number(values.records);
const batchSize = Number(values.batch);
// Pad prompts so a record weighs about --size bytes of JSON.
const unpadded = Buffer.byteLength(JSON.stringify(buildRecord({ kind: "chat", keySecret: "k", sessionId: "s" })));
const padding = Math.max(Number(values.size) - unpadded, 0);

async function target() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { database: await openDatabase({ kind: "pglite", dataDir: "memory://" }), drop: async () => undefined, kind: "pglite" };
  const name = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    database: await openDatabase({ kind: "postgres", url: u.toString() }),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
    kind: "postgres",
  };
}

const { database, drop, kind } = await target();
setDatabase(database);
const prisma = database.prisma;
const org = await prisma.organization.create({ data: { handle: "bench", name: "Bench", baaSignedAt: new Date(), aiGatewayBetaEnrolledAt: new Date() } });
const env = await prisma.environment.create({ data: { organizationId: org.id, handle: "bench-production" } });
const keySecret = "sk-apt-bench-key";
await prisma.llmKey.create({ data: { organizationId: org.id, environmentId: env.id, alias: "bench", keyHash: hashLlmKey(keySecret), prefix: "sk-apt-benc" } });
const drainId = crypto.randomUUID();
await prisma.llmTraceDrain.create({
  data: { id: drainId, organizationId: org.id, environmentId: env.id, type: "langfuse", handle: "bench", baseUrl: "https://bench.invalid", publicKey: "pk-lf-bench", secretKeyCiphertext: encrypt(config().drainKeyring, "sk-lf-bench", drainSecretAad(org.id, drainId)), secretKeyHint: "sk-lf-…ench" },
});

const bodies: string[] = [];
for (let i = 0; i < total; i += batchSize) {
  bodies.push(JSON.stringify(Array.from({ length: Math.min(batchSize, total - i) }, (_, j) => buildRecord({ kind: RECORD_KINDS[(i + j) % RECORD_KINDS.length]!, keySecret, sessionId: "s", padding }))));
}
const bytes = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
const heapBefore = process.memoryUsage().rss;

let t = performance.now();
const latencies: number[] = [];
for (const body of bodies) {
  const t0 = performance.now();
  await ingestRecords(parseIngestBody(body));
  latencies.push(performance.now() - t0);
}
const ingestSeconds = (performance.now() - t) / 1000;
latencies.sort((a, b) => a - b);

let exported = 0;
const worker = new DeliveryWorker(database, {
  keyring: config().drainKeyring,
  maxAgeMs: 86400_000,
  deadLetterRetentionMs: 86400_000,
  exporter: async (_target, spans) => {
    spans.forEach(toReadableSpan);
    exported += spans.length;
    return { kind: "delivered" };
  },
});
t = performance.now();
while ((await worker.runOnce()) > 0) {
  /* drain the outbox */
}
const deliverSeconds = (performance.now() - t) / 1000;

process.stdout.write(
  JSON.stringify(
    {
      database: kind,
      records: total,
      batchSize,
      avgRecordBytes: Math.round(bytes / total),
      ingest: { seconds: +ingestSeconds.toFixed(2), recordsPerSecond: Math.round(total / ingestSeconds), mbPerSecond: +(bytes / 1e6 / ingestSeconds).toFixed(1), batchLatencyMs: { p50: Math.round(latencies[Math.floor(latencies.length / 2)]!), p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]!) } },
      deliver: { seconds: +deliverSeconds.toFixed(2), spansPerSecond: Math.round(exported / deliverSeconds), exported },
      rssGrowthMb: Math.round((process.memoryUsage().rss - heapBefore) / 1e6),
    },
    null,
    2,
  ) + "\n",
);
await closeDatabase(database);
await drop();
