// npm run bench -- [--records 20000] [--batch 500] [--size 10000]
// Measures the durable path on this machine: ingest (parse → attribute → map → encrypt →
// insert) and delivery (claim → decrypt → assemble the OTLP request → settle) with the exporter replaced
// by an in-process sink, so the numbers are ours, not the network's. Uses BENCH_DATABASE_URL
// (PostgreSQL; a fresh database is created and dropped) or an in-memory PGlite.
// Prints JSON. A benchmark, not a test: it never fails on timing.
import { parseArgs } from "node:util";
import { config } from "../lib/config/env";
import { openBenchWorld, BENCH_KEY_SECRET } from "./bench-world";
import { ingestBody } from "../lib/ingest/ingest-records";
import { DeliveryWorker } from "../lib/delivery/worker";
import { gzipRequest } from "../lib/otlp/export-request";
import { buildRecord, RECORD_KINDS } from "../lib/simulator/records";

const { values } = parseArgs({
  options: {
    records: { type: "string", default: "20000" },
    batch: { type: "string", default: "500" },
    size: { type: "string", default: "10000" },
  },
});
const total = Number(values.records);
const batchSize = Number(values.batch);
// Pad prompts so a record weighs about --size bytes of JSON.
const unpadded = Buffer.byteLength(JSON.stringify(buildRecord({ kind: "chat", keySecret: "k", sessionId: "s" })));
const padding = Math.max(Number(values.size) - unpadded, 0);

const world = await openBenchWorld({
  baseUrl: "https://bench.invalid",
  publicKey: "pk-lf-bench",
  secretKey: "sk-lf-bench",
});
const { database, kind } = world;
const keySecret = BENCH_KEY_SECRET;

const bodies: string[] = [];
for (let i = 0; i < total; i += batchSize) {
  bodies.push(
    JSON.stringify(
      Array.from({ length: Math.min(batchSize, total - i) }, (_, j) =>
        buildRecord({ kind: RECORD_KINDS[(i + j) % RECORD_KINDS.length]!, keySecret, sessionId: "s", padding }),
      ),
    ),
  );
}
const bytes = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
const heapBefore = process.memoryUsage().rss;

let t = performance.now();
const latencies: number[] = [];
for (const body of bodies) {
  const t0 = performance.now();
  await ingestBody(new Response(body).body, Infinity);
  latencies.push(performance.now() - t0);
}
const ingestSeconds = (performance.now() - t) / 1000;
latencies.sort((a, b) => a - b);

let exported = 0;
const worker = new DeliveryWorker(database, {
  keyring: config().drainKeyring,
  maxAgeMs: 86400_000,
  deadLetterRetentionMs: 86400_000,
  exporter: async (_target, batch) => {
    // What the real exporter does before the network: assemble the request body.
    gzipRequest(batch.members, batch.framesLength);
    exported += batch.members.length;
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
      ingest: {
        seconds: +ingestSeconds.toFixed(2),
        recordsPerSecond: Math.round(total / ingestSeconds),
        mbPerSecond: +(bytes / 1e6 / ingestSeconds).toFixed(1),
        batchLatencyMs: {
          p50: Math.round(latencies[Math.floor(latencies.length / 2)]!),
          p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]!),
        },
      },
      deliver: { seconds: +deliverSeconds.toFixed(2), spansPerSecond: Math.round(exported / deliverSeconds), exported },
      rssGrowthMb: Math.round((process.memoryUsage().rss - heapBefore) / 1e6),
    },
    null,
    2,
  ) + "\n",
);
await world.close();
