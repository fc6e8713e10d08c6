// npm run bench:latency -- [--rate 1000] [--seconds 10] [--size 10000] [--batch 100]
// End-to-end latency on this machine: records are ingested at a fixed rate (in batches,
// as the gateway posts them), the in-process worker delivers them over real HTTPS to a
// fake Langfuse on loopback, and each span's latency is "received" − "ingest started".
// BENCH_DATABASE_URL selects PostgreSQL (fresh database); default is in-memory PGlite.
// Prints JSON; never fails on timing.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureSelfSignedCert } from "../test/support/tls";

const tls = ensureSelfSignedCert(path.join(process.cwd(), ".test-tls"));
if (process.env.NODE_EXTRA_CA_CERTS !== tls.certPath) {
  // Node reads extra CAs only at start-up: run again trusting the throwaway certificate.
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.certPath },
  });
  process.exit(r.status ?? 1);
}

// The fake Langfuse listens on loopback; admit it past the SSRF guard (read lazily).
process.env.OUTBOUND_ALLOWED_HOSTS = "localhost";
const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "1000" },
    seconds: { type: "string", default: "10" },
    size: { type: "string", default: "10000" },
    batch: { type: "string", default: "100" },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const batch = Number(values.batch);

const { config } = await import("../lib/config/env");
const { openBenchWorld, BENCH_KEY_SECRET } = await import("./bench-world");
const { ingestBody } = await import("../lib/ingest/ingest-records");
const { DeliveryWorker } = await import("../lib/delivery/worker");
const { setWorkerWakeHook } = await import("../lib/delivery/wake");
const { buildRecord, RECORD_KINDS } = await import("../lib/simulator/records");
const { startFakeLangfuse } = await import("../test/support/fake-langfuse");

const fake = await startFakeLangfuse({ cert: tls.cert, key: tls.key });
const world = await openBenchWorld({ baseUrl: fake.url, publicKey: fake.publicKey, secretKey: fake.secretKey });
const { database, drainId } = world;
const prisma = database.prisma;
const keySecret = BENCH_KEY_SECRET;

const worker = new DeliveryWorker(database, {
  keyring: config().drainKeyring,
  maxAgeMs: 86400_000,
  deadLetterRetentionMs: 86400_000,
  idleMs: 50,
});
setWorkerWakeHook(() => worker.wake());
worker.start();

const unpadded = Buffer.byteLength(JSON.stringify(buildRecord({ kind: "chat", keySecret, sessionId: "s" })));
const padding = Math.max(Number(values.size) - unpadded, 0);
const startedAt = new Map<string, number>();
// Watch the fake's received list from the start, so arrival times are taken as they happen.
const receivedAt = new Map<string, number>();
let scanned = 0;
const poll = setInterval(() => {
  for (; scanned < fake.spans.length; scanned++)
    receivedAt.set(String(fake.spans[scanned]!.attributes["aptible.request.id"]), performance.now());
}, 10);
const total = Math.round(rate * seconds);
const t0 = performance.now();
let sent = 0;
while (sent < total) {
  const n = Math.min(batch, total - sent);
  const records = Array.from({ length: n }, (_, j) =>
    buildRecord({ kind: RECORD_KINDS[(sent + j) % RECORD_KINDS.length]!, keySecret, sessionId: "s", padding }),
  );
  const now = performance.now();
  for (const r of records) startedAt.set(String(r.id), now);
  ingestBody(new Response(JSON.stringify(records)).body, Infinity).catch((err: unknown) =>
    process.stderr.write(`ingest failed: ${String(err)}\n`),
  );
  sent += n;
  const due = t0 + (sent / rate) * 1000;
  if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
}
const deadline = performance.now() + 60_000;
while (receivedAt.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
clearInterval(poll);
const drainState = await prisma.llmTraceDrain.findUniqueOrThrow({
  where: { id: drainId },
  select: { lastErrorMessage: true },
});
const backlog = await prisma.traceOutbox.count();
const latencies = [...receivedAt].map(([id, at]) => at - (startedAt.get(id) ?? at)).sort((a, b) => a - b);
const pct = (p: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN);
process.stdout.write(
  JSON.stringify(
    {
      database: world.kind,
      targetRate: rate,
      seconds,
      sent: total,
      delivered: receivedAt.size,
      otlpRequests: fake.exports.length,
      backlog,
      lastError: drainState.lastErrorMessage,
      latencyMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: pct(1) },
      note: "arrival times are taken by polling the fake's received list every 10 ms",
    },
    null,
    2,
  ) + "\n",
);
await worker.stop();
await fake.close();
await world.close();
