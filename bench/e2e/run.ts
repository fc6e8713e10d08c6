// npm run bench:e2e -- [--label after] [--seconds 20] [--senders 4] [--size 12000]
//                      [--e2e-records 60000] [--paced-seconds 30] [--paced-warmup 5] [--rate 1000]
//                      [--app-dir <checkout>] [--server-command "node dist/server.js"] [--skip floor,baseline]
//                      [--database postgres|pglite] [--per-body 512] [--server-env KEY=VALUE ...]
// The end-to-end benchmark, every part a process of its own on this machine: the production
// server on PostgreSQL (BENCH_DATABASE_URL; a fresh database is created and dropped) or, with
// --database pglite, on the embedded database (a fresh data directory, removed after), an
// HTTPS receiver that answers at once, and a load generator posting 512-record JSON arrays of
// ~12 KB prose-like records. Phases, all in the same run:
//   floor     the same senders against a server that only reads and JSON.parses, at full speed
//             and at the paced phase's steady rate (batch latency)
//   ingest    durable ingest alone (delivery off): records/s, batch p50/p99
//   crowd     the same with 48 concurrent senders: throughput and the server's peak memory
//   e2e       ingest and delivery together until the receiver holds every span
//   single    the same with one record per request (32 senders): a gateway that does not batch
//   paced     a steady 1,000 records/s: batch latency, delivery latency (after an unmeasured
//             warm-up at the same rate, so that a run of this phase alone measures a warm server)
//   baseline  the stock BatchSpanProcessor with the same mapping and exporter, no durability
//   backlog   (--backlog N) N records queued with delivery off, then drained: the server's
//             memory while a large backlog drains
// Prints a table and writes bench/results/<label>.json (npm run bench:report renders
// BENCHMARKS.md). A benchmark: it never fails on timing.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { ensureSelfSignedCert } from "../../test/support/tls";
import { runJson, sampleMemory, start, treeRssMb, waitForHttp, type Proc } from "./processes";
import { BENCH_KEY, seedBenchDrain, seedBenchDrainWith, sql, type BenchQuery } from "./seed";
import { closeDatabase, openDatabase } from "../../lib/db/open";

const { values } = parseArgs({
  options: {
    label: { type: "string", default: "current" },
    seconds: { type: "string", default: "20" },
    senders: { type: "string", default: "4" },
    "per-body": { type: "string", default: "512" },
    size: { type: "string", default: "12300" },
    "e2e-records": { type: "string", default: "60000" },
    "paced-seconds": { type: "string", default: "30" },
    "paced-warmup": { type: "string", default: "5" },
    rate: { type: "string", default: "1000" },
    "app-dir": { type: "string", default: process.cwd() },
    "server-command": { type: "string" },
    skip: { type: "string", default: "" },
    backlog: { type: "string", default: "0" },
    database: { type: "string", default: "postgres" },
    // Extra settings for the server, e.g. --server-env INGEST_STAGING=false (an A/B in one checkout).
    "server-env": { type: "string", multiple: true, default: [] },
  },
});
const embedded = values.database === "pglite";
const adminUrl = process.env.BENCH_DATABASE_URL ?? "";
if (!embedded && !adminUrl)
  throw new Error("Set BENCH_DATABASE_URL to a PostgreSQL URL (a database is created and dropped)");
const skip = new Set(values.skip.split(",").filter(Boolean));
const appDir = path.resolve(values["app-dir"]);
const serverCommand =
  values["server-command"] ??
  (fs.existsSync(path.join(appDir, "dist/server.js")) ? "node dist/server.js" : "node --import tsx server.ts");
const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
const here = path.join(process.cwd(), "bench/e2e");
const PORTS = { app: 3310, receiver: 3320, floor: 3330, baseline: 3340 };
const TOKEN = "bench-ingest-token-0123456789abcdef";
const KEYRING = `vbench:${randomBytes(32).toString("base64")}`;
const tls = ensureSelfSignedCert(path.join(process.cwd(), ".bench-tls"));
const receiverUrl = `https://localhost:${PORTS.receiver}`;
const control = `http://127.0.0.1:${PORTS.receiver + 1}`;

type LoadResult = {
  sent: number;
  accepted: number;
  errors: number;
  lastError?: string;
  seconds: number;
  recordsPerSecond: number;
  batchLatencyMs: { p50: number; p99: number; max: number };
};
type ReceiverStats = {
  unique: number;
  duplicates: number;
  spans: number;
  requests: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
  latencyMs: { p50: number; p99: number };
};

/** Many more senders than cores: what an over-eager client fleet does to throughput and memory. */
const CROWD_SENDERS = 48;
/** One record per request: how many requests a gateway posting each record on its own keeps in flight. */
const SINGLE_SENDERS = 32;
const SINGLE_RECORDS = 15_000;
const loadgen = (ingestUrl: string, extra: string[]) =>
  runJson<LoadResult>(tsx, [
    path.join(here, "loadgen.ts"),
    "--url",
    ingestUrl,
    "--token",
    TOKEN,
    "--key",
    BENCH_KEY,
    "--size",
    values.size,
    "--senders",
    values.senders,
    "--per-body",
    values["per-body"],
    ...extra,
  ]);
const receiverStats = async (reset = false) =>
  (await (
    await fetch(`${control}/${reset ? "reset" : "stats"}`, { method: reset ? "POST" : "GET" })
  ).json()) as ReceiverStats;

async function waitForDelivery(expected: number, timeoutMs: number): Promise<ReceiverStats> {
  const deadline = Date.now() + timeoutMs;
  let stats = await receiverStats();
  while (stats.unique < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    stats = await receiverStats();
  }
  return stats;
}

const dbName = `bench_e2e_${randomBytes(4).toString("hex")}`;
const dbUrl = (() => {
  if (embedded) return "";
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const dataDir = embedded ? fs.mkdtempSync(path.join(os.tmpdir(), "bench-pglite-")) : "";
/** The embedded database is one process's: opened here only while the server is stopped. */
async function withEmbedded<T>(fn: (query: BenchQuery) => Promise<T>): Promise<T> {
  const database = await openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") }); // as DATA_DIR lays it out
  try {
    return await fn((text, params) => database.driver.query(text, params));
  } finally {
    await closeDatabase(database);
  }
}
// What a phase leaves queued, sealed or staged (ingest_stage exists from the staging change on:
// a checkout before it, run with --app-dir, has none), so the next phase starts from nothing.
const CLEAR_QUEUES = `TRUNCATE trace_outbox;
  DO $$ BEGIN IF to_regclass('ingest_stage') IS NOT NULL THEN TRUNCATE ingest_stage; END IF; END $$`;
const truncateOutbox = () =>
  embedded
    ? withEmbedded(async (q) => {
        await q("TRUNCATE trace_outbox");
        await q("DO $$ BEGIN IF to_regclass('ingest_stage') IS NOT NULL THEN TRUNCATE ingest_stage; END IF; END $$");
      })
    : sql(dbUrl, CLEAR_QUEUES);

/** Waits until no record is staged and unsealed (true), or gives up (false). Embedded: nothing is staged. */
async function waitForStageEmpty(timeoutMs: number): Promise<boolean> {
  if (embedded) return true;
  const exists = await sql(dbUrl, "SELECT to_regclass('ingest_stage') IS NOT NULL AS present");
  if (!(exists.rows[0] as { present: boolean }).present) return true;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await sql(dbUrl, "SELECT count(*) AS n FROM ingest_stage");
    if (Number((rows[0] as { n: string | number }).n) === 0) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

async function startApp(runWorker: boolean): Promise<Proc> {
  const [command, ...args] = serverCommand.split(" ");
  const app = start(command!, args, {
    cwd: appDir,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(PORTS.app),
      ...(embedded ? { DATA_DIR: dataDir } : { DATABASE_URL: dbUrl }),
      SESSION_SECRET: randomBytes(32).toString("hex"),
      DRAIN_ENCRYPTION_KEYS: KEYRING,
      GATEWAY_INGEST_TOKEN: TOKEN,
      OUTBOUND_ALLOWED_HOSTS: "localhost",
      NODE_EXTRA_CA_CERTS: tls.certPath,
      RUN_WORKER: String(runWorker),
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      ...Object.fromEntries(values["server-env"].map((kv) => kv.split(/=(.*)/s).slice(0, 2))),
    },
  });
  await waitForHttp(`http://127.0.0.1:${PORTS.app}/api/health`, app);
  return app;
}

const results: Record<string, unknown> = {
  label: values.label,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
  node: process.version,
  serverCommand,
  database: embedded ? "pglite" : "postgres",
  settings: {
    seconds: values.seconds,
    senders: values.senders,
    recordBytes: values.size,
    perBody: Number(values["per-body"]),
  },
};
const log = (phase: string, value: unknown) => {
  results[phase] = value;
  process.stderr.write(`${phase}: ${JSON.stringify(value)}\n`);
};

const receiver = start(tsx, [path.join(here, "receiver.ts"), String(PORTS.receiver), tls.certPath, tls.keyPath]);
const admin = (text: string) => sql(adminUrl, text);
if (!embedded) await admin(`CREATE DATABASE "${dbName}"`);
try {
  await waitForHttp(`${control}/stats`, receiver);

  if (!skip.has("floor")) {
    const floor = start(tsx, [path.join(here, "floor-server.ts"), String(PORTS.floor)]);
    await new Promise((r) => setTimeout(r, 1500));
    log("floor", await loadgen(`http://127.0.0.1:${PORTS.floor}/`, ["--seconds", values.seconds]));
    // The same steady rate as the paced phase: what reading and parsing a batch alone costs
    // its latency on this machine, the floor under the paced batch percentiles.
    const floorPaced = await loadgen(`http://127.0.0.1:${PORTS.floor}/`, [
      "--rate",
      values.rate,
      "--seconds",
      values["paced-seconds"],
    ]);
    log("floorPaced", { rate: Number(values.rate), batchLatencyMs: floorPaced.batchLatencyMs });
    await floor.stop();
  }

  // PostgreSQL is seeded once the server has migrated it; the embedded database before the server opens it.
  if (embedded) await withEmbedded((q) => seedBenchDrainWith(q, receiverUrl, KEYRING));
  let app = await startApp(false);
  if (!embedded) await seedBenchDrain(dbUrl, receiverUrl, KEYRING);
  await new Promise((r) => setTimeout(r, 3000));
  log("idleMemoryMb", treeRssMb(app.pid));
  const ingestUrl = `http://127.0.0.1:${PORTS.app}/api/internal/ai-gateway/logs`;

  if (!skip.has("ingest")) {
    const memory = sampleMemory(app.pid);
    log("ingest", await loadgen(ingestUrl, ["--seconds", values.seconds]));
    log("ingestPeakMemoryMb", memory.stop());
  }
  if (!skip.has("crowd")) {
    const memory = sampleMemory(app.pid);
    log("crowd", {
      senders: CROWD_SENDERS,
      ...(await loadgen(ingestUrl, ["--seconds", values.seconds, "--senders", String(CROWD_SENDERS)])),
    });
    log("crowdPeakMemoryMb", memory.stop());
  }
  await app.stop();
  await truncateOutbox();
  app = await startApp(true);

  if (!skip.has("e2e")) {
    await receiverStats(true);
    const memory = sampleMemory(app.pid);
    const started = Date.now();
    const load = await loadgen(ingestUrl, ["--records", values["e2e-records"]]);
    const delivered = await waitForDelivery(load.accepted, 300_000);
    const seconds = (delivered.lastAt - started) / 1000;
    log("e2e", {
      accepted: load.accepted,
      ingestRecordsPerSecond: load.recordsPerSecond,
      delivered: delivered.unique,
      duplicates: delivered.duplicates,
      seconds: Math.round(seconds * 10) / 10,
      recordsPerSecond: Math.round(delivered.unique / seconds),
      exportRequests: delivered.requests,
      exportMegabytes: Math.round(delivered.bytes / 1e5) / 10,
    });
    log("e2ePeakMemoryMb", memory.stop());
  }

  if (!skip.has("single")) {
    // A gateway that posts each record on its own: many small requests instead of a few large ones.
    await receiverStats(true);
    const started = Date.now();
    const load = await loadgen(ingestUrl, [
      "--records",
      String(SINGLE_RECORDS),
      "--per-body",
      "1",
      "--senders",
      String(SINGLE_SENDERS),
    ]);
    const delivered = await waitForDelivery(load.accepted, 300_000);
    const seconds = (delivered.lastAt - started) / 1000;
    log("single", {
      senders: SINGLE_SENDERS,
      accepted: load.accepted,
      errors: load.errors,
      ingestRecordsPerSecond: load.recordsPerSecond,
      requestLatencyMs: load.batchLatencyMs,
      delivered: delivered.unique,
      duplicates: delivered.duplicates,
      recordsPerSecond: Math.round(delivered.unique / seconds),
    });
  }

  if (!skip.has("paced")) {
    if (Number(values["paced-warmup"]) > 0) {
      await receiverStats(true);
      const warmup = await loadgen(ingestUrl, ["--rate", values.rate, "--seconds", values["paced-warmup"]]);
      await waitForDelivery(warmup.accepted, 120_000);
    }
    await receiverStats(true);
    const load = await loadgen(ingestUrl, ["--rate", values.rate, "--seconds", values["paced-seconds"]]);
    const delivered = await waitForDelivery(load.accepted, 120_000);
    log("paced", {
      rate: Number(values.rate),
      accepted: load.accepted,
      batchLatencyMs: load.batchLatencyMs,
      delivered: delivered.unique,
      deliveryLatencyMs: delivered.latencyMs,
    });
  }
  await app.stop();

  if (Number(values.backlog) > 0) {
    await truncateOutbox();
    app = await startApp(false);
    const queued = await loadgen(ingestUrl, ["--records", values.backlog]);
    // A backlog of spans, as a destination outage leaves it: staged records are sealed first
    // (delivery is off), so the drain below measures delivery alone. How long sealing took is
    // reported apart.
    const sealStarted = Date.now();
    const staged = await waitForStageEmpty(3_600_000);
    const sealedAfterIngestSeconds = staged ? Math.round((Date.now() - sealStarted) / 100) / 10 : undefined;
    await app.stop();
    await receiverStats(true);
    app = await startApp(true);
    const memory = sampleMemory(app.pid);
    const started = Date.now();
    const delivered = await waitForDelivery(queued.accepted, 3_600_000);
    log("backlog", {
      queued: queued.accepted,
      queueRecordsPerSecond: queued.recordsPerSecond,
      delivered: delivered.unique,
      duplicates: delivered.duplicates,
      drainRecordsPerSecond: Math.round(delivered.unique / ((delivered.lastAt - started) / 1000)),
      sealedAfterIngestSeconds,
      peakMemoryMb: memory.stop(),
    });
    await app.stop();
  }

  if (!skip.has("baseline")) {
    await receiverStats(true);
    const baseline = start(tsx, [path.join(here, "baseline-server.ts"), String(PORTS.baseline), receiverUrl], {
      env: { NODE_EXTRA_CA_CERTS: tls.certPath },
    });
    await waitForHttp(`http://127.0.0.1:${PORTS.baseline}/stats`, baseline);
    const load = await loadgen(`http://127.0.0.1:${PORTS.baseline}/`, ["--seconds", values.seconds]);
    await new Promise((r) => setTimeout(r, 12_000)); // let the processor flush what it kept
    const delivered = await receiverStats();
    log("baseline", {
      accepted: load.accepted,
      acceptedPerSecond: load.recordsPerSecond,
      delivered: delivered.unique,
      deliveredPerSecond: Math.round(delivered.unique / load.seconds),
      dropped: load.accepted - delivered.unique,
      droppedPercent: Math.round((1 - delivered.unique / Math.max(load.accepted, 1)) * 100),
    });
    await baseline.stop();
  }
} finally {
  await receiver.stop();
  if (embedded) fs.rmSync(dataDir, { recursive: true, force: true });
  else await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}

fs.mkdirSync("bench/results", { recursive: true });
const file = path.join("bench/results", `${values.label}.json`);
fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
process.stderr.write(`written to ${file}\n`);
process.stdout.write(`${JSON.stringify(results)}\n`);
