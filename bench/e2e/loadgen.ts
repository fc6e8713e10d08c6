// The load generator, a process of its own: posts 512-record JSON arrays (LiteLLM's default
// flush) of ~12 KB records to an ingest URL, either as fast as N concurrent senders can
// (`--seconds` or `--records`), or paced at `--rate` records per second. Prints one JSON
// line: records sent and accepted, records/s, batch latency percentiles, errors.
import http from "node:http";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { makeTemplates, renderBody } from "./bodies";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string", default: "" },
    key: { type: "string", default: "sk-apt-bench-key" },
    senders: { type: "string", default: "4" },
    seconds: { type: "string" },
    records: { type: "string" },
    rate: { type: "string" },
    size: { type: "string", default: "12300" },
    "per-body": { type: "string", default: "512" },
    templates: { type: "string", default: "6" },
  },
});
const url = new URL(values.url ?? "http://127.0.0.1:3000/api/internal/ai-gateway/logs");
const perBody = Number(values["per-body"]);
const templates = makeTemplates(Number(values.templates), perBody, Number(values.size), values.key);
const runId = randomBytes(4).toString("hex");
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const latencies: number[] = [];
let sent = 0;
let accepted = 0;
let errors = 0;
let sequence = 0;
const lastError: string[] = [];

function post(body: Buffer): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": body.length,
          authorization: `Bearer ${values.token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          latencies.push(performance.now() - started);
          if (res.statusCode === 202) {
            accepted += (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { accepted: number }).accepted;
          } else {
            errors++;
            lastError[0] = `${res.statusCode} ${Buffer.concat(chunks).toString("utf8").slice(0, 200)}`;
          }
          resolve();
        });
      },
    );
    req.on("error", (err) => {
      errors++;
      lastError[0] = err.message;
      resolve();
    });
    req.end(body);
  });
}

const next = () => renderBody(templates[sequence % templates.length]!, runId, sequence++);
const started = performance.now();
if (values.rate) {
  // Paced: one batch every perBody / rate seconds, whatever the previous one is doing.
  const rate = Number(values.rate);
  const total = Number(values.records ?? rate * Number(values.seconds ?? 30));
  const pending: Promise<void>[] = [];
  for (let i = 0; sent < total; i++) {
    const due = started + ((i * perBody) / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent += perBody;
    pending.push(post(next()));
  }
  await Promise.all(pending);
} else {
  const deadline = values.seconds ? started + Number(values.seconds) * 1000 : Infinity;
  const limit = values.records ? Number(values.records) : Infinity;
  await Promise.all(
    Array.from({ length: Number(values.senders) }, async () => {
      while (performance.now() < deadline && sent < limit) {
        sent += perBody;
        await post(next());
      }
    }),
  );
}
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
process.stdout.write(
  JSON.stringify({
    sent,
    accepted,
    errors,
    ...(lastError[0] ? { lastError: lastError[0] } : {}),
    seconds: Math.round(seconds * 100) / 100,
    recordsPerSecond: Math.round(accepted / seconds),
    batchLatencyMs: { p50: pct(0.5), p99: pct(0.99), max: Math.round(latencies.at(-1) ?? 0) },
  }) + "\n",
);
agent.destroy();
