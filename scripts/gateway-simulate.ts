// npm run gateway:simulate -- --help (USAGE below)
// Posts AI Gateway log records shaped exactly as a LiteLLM proxy sends them to the ingest
// endpoint, signed with the demo LLM keys, cycling through chat, streaming, an OpenAI tool
// loop, a Claude Code agent turn, the Responses API, a cache hit, a provider error and an
// embedding, with and without a client session and an end user. Stops by itself.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { buildRecord, RECORD_KINDS, type RecordKind } from "../lib/simulator/records";
import { demoLlmKeys } from "../lib/db/demo-data";

const USAGE = `npm run gateway:simulate -- [--environment acme-production] [--count 12] [--rate 5] [--batch 1]
  [--size 0] [--format json_array|ndjson|single] [--kinds ${RECORD_KINDS.join(",")}] [--url …] [--token …]`;

const OPTIONS = {
  url: { type: "string", default: process.env.SIMULATOR_URL ?? `http://localhost:${process.env.PORT ?? 3000}` },
  token: { type: "string", default: process.env.GATEWAY_INGEST_TOKEN },
  count: { type: "string", default: "12" },
  rate: { type: "string", default: "5" },
  batch: { type: "string", default: "1" },
  size: { type: "string", default: "0" },
  format: { type: "string", default: "json_array" },
  environment: { type: "string", default: "acme-production" },
  kinds: { type: "string", default: RECORD_KINDS.join(",") },
  help: { type: "boolean", default: false },
} as const;

const { values } = parseCommandLine();

/** The options, or the usage line (for --help, or an option it does not know) instead of a stack trace. */
function parseCommandLine() {
  try {
    const parsed = parseArgs({ options: OPTIONS });
    if (parsed.values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    return parsed;
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

const kinds = values.kinds.split(",").filter((k): k is RecordKind => (RECORD_KINDS as readonly string[]).includes(k));
if (kinds.length === 0) fail(`--kinds takes a comma-separated list of: ${RECORD_KINDS.join(", ")}`);

const count = Math.max(1, Number(values.count));
const rate = Math.max(0.1, Number(values.rate));
const batch = Math.max(1, Number(values.batch));
const size = Math.max(0, Number(values.size));
const format = values.format as "json_array" | "ndjson" | "single";
const token = values.token ?? readTokenFile();
const keys = demoLlmKeys.filter((k) => k.environment === values.environment);
if (keys.length === 0) fail(`no demo keys for environment ${values.environment}`);

function readTokenFile(): string {
  const file = path.join(process.env.DATA_DIR ?? "./data", "gateway-ingest-token");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return fail(`no --token given and ${file} not found (start the server once, or set GATEWAY_INGEST_TOKEN)`);
  }
}

function fail(message: string): never {
  process.stderr.write(message + "\n");
  process.exit(1);
}

function record(i: number) {
  const key = keys[i % keys.length]!;
  return buildRecord({
    kind: kinds[i % kinds.length]!,
    keySecret: key.secret,
    keyAlias: key.alias,
    sessionId: i % 2 === 0 ? `session-${Math.floor(i / 6)}-${randomUUID().slice(0, 8)}` : undefined,
    endUser: i % 3 === 0 ? `user-${i % 7}` : undefined,
    padding: size,
  });
}

function body(records: unknown[]): string {
  if (format === "ndjson") return records.map((r) => JSON.stringify(r)).join("\n");
  if (format === "single") return JSON.stringify(records[0]);
  return JSON.stringify(records);
}

const started = Date.now();
let sent = 0;
let accepted = 0;
let skipped = 0;
const skipReasons: Record<string, number> = {};
const latencies: number[] = [];
const perPost = format === "single" ? 1 : batch;
while (sent < count) {
  const n = Math.min(perPost, count - sent);
  const records = Array.from({ length: n }, (_, j) => record(sent + j));
  const t0 = Date.now();
  const res = await fetch(`${values.url}/api/internal/ai-gateway/logs`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body(records),
  }).catch((err: unknown) => fail(`could not reach ${values.url}: ${(err as Error).message}`));
  latencies.push(Date.now() - t0);
  const answer = (await res.json().catch(() => ({}))) as {
    accepted?: number;
    skipped?: { reason: string }[];
    error?: { message: string };
  };
  if (res.status !== 202) fail(`ingest answered ${res.status}: ${answer.error?.message ?? ""}`);
  accepted += answer.accepted ?? 0;
  skipped += answer.skipped?.length ?? 0;
  for (const s of answer.skipped ?? []) skipReasons[s.reason] = (skipReasons[s.reason] ?? 0) + 1;
  sent += n;
  const due = started + (sent / rate) * 1000;
  if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
}
latencies.sort((a, b) => a - b);
const seconds = (Date.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    sent,
    accepted,
    skipped,
    ...(skipped > 0 ? { skipReasons } : {}),
    posts: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    recordsPerSecond: Math.round(sent / seconds),
    postLatencyMs: {
      p50: latencies[Math.floor(latencies.length * 0.5)],
      p99: latencies[Math.floor(latencies.length * 0.99)],
    },
  }) + "\n",
);
