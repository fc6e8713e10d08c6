// npm run bench:report — renders BENCHMARKS.md from the runs in bench/results/*.json:
// the machine, the commands, and each run's figures side by side (the earliest run first,
// so "before" and "after" read left to right), with the targets of the performance issue.
import fs from "node:fs";
import path from "node:path";
import { format, resolveConfig } from "prettier";

type Run = {
  label: string;
  date: string;
  machine: { cpus: number; cpu?: string; memoryGb: number };
  node: string;
  serverCommand: string;
  /** Absent in runs from before the embedded-database mode: PostgreSQL. */
  database?: "postgres" | "pglite";
  settings: { seconds: string; senders: string; recordBytes: string; perBody: number };
  floor?: { recordsPerSecond: number };
  idleMemoryMb?: { total: number; largest: number; processes: number };
  ingest?: { recordsPerSecond: number; batchLatencyMs: { p50: number; p99: number } };
  ingestPeakMemoryMb?: { total: number; largest: number };
  crowd?: { senders: number; recordsPerSecond: number; batchLatencyMs: { p50: number; p99: number } };
  crowdPeakMemoryMb?: { total: number; largest: number };
  e2e?: { recordsPerSecond: number; delivered: number; accepted: number; duplicates: number; exportMegabytes: number };
  single?: {
    ingestRecordsPerSecond: number;
    recordsPerSecond: number;
    duplicates: number;
    delivered: number;
    accepted: number;
  };
  e2ePeakMemoryMb?: { total: number; largest: number };
  paced?: { batchLatencyMs: { p50: number; p99: number }; deliveryLatencyMs: { p50: number; p99: number } };
  floorPaced?: { batchLatencyMs: { p50: number; p99: number } };
  baseline?: { acceptedPerSecond: number; deliveredPerSecond: number; droppedPercent: number };
  backlog?: { queued: number; delivered: number; drainRecordsPerSecond: number; peakMemoryMb: { largest: number } };
  dashboard?: {
    barePageKb: number;
    pages: Record<string, number>;
    integrations: { ttfbMs: number; lcpMs: number };
  };
  seal?: {
    microsecondsPerRecord: { total: number };
    withRedaction?: { microsecondsPerRecord: number; overheadPercent: number };
    withTwoDrains?: { microsecondsPerRecord: number; overheadPercent: number };
  };
};

const dir = path.join(process.cwd(), "bench/results");
const runs: Run[] = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Run)
      .sort((a, b) => a.date.localeCompare(b.date))
  : [];
if (runs.length === 0) throw new Error("no runs in bench/results: run npm run bench:e2e first");

const n = (v: number | undefined, unit = "") => (v === undefined ? "—" : `${v.toLocaleString("en-US")}${unit}`);
const rows: [string, string, (r: Run) => string][] = [
  ["parse-only floor (records/s)", "—", (r) => n(r.floor?.recordsPerSecond)],
  ["ingest, 4 senders (records/s)", "≥ 5,000", (r) => n(r.ingest?.recordsPerSecond)],
  [
    "ingest as share of the floor",
    "≈ 25 %",
    (r) =>
      r.ingest && r.floor ? `${Math.round((100 * r.ingest.recordsPerSecond) / r.floor.recordsPerSecond)} %` : "—",
  ],
  [
    "ingest batch p50 / p99 (ms)",
    "—",
    (r) => (r.ingest ? `${r.ingest.batchLatencyMs.p50} / ${r.ingest.batchLatencyMs.p99}` : "—"),
  ],
  [
    "ingest, 48 senders: records/s, batch p99 (ms), peak server RSS (MB)",
    "—",
    (r) =>
      r.crowd && r.crowdPeakMemoryMb
        ? `${n(r.crowd.recordsPerSecond)}, ${n(r.crowd.batchLatencyMs.p99)}, ${r.crowdPeakMemoryMb.largest}`
        : "—",
  ],
  ["ingest + delivery, all delivered (records/s)", "≥ 3,000", (r) => n(r.e2e?.recordsPerSecond)],
  ["duplicates delivered", "0", (r) => n(r.e2e?.duplicates)],
  ["export bytes for the e2e run (MB)", "—", (r) => n(r.e2e?.exportMegabytes)],
  [
    "one record per request, 32 senders: ingest / ingest + delivery (records/s)",
    "—",
    (r) => (r.single ? `${n(r.single.ingestRecordsPerSecond)} / ${n(r.single.recordsPerSecond)}` : "—"),
  ],
  [
    "1,000 records/s: batch p50 / p99 (ms)",
    "p99 ≤ 100",
    (r) => (r.paced ? `${r.paced.batchLatencyMs.p50} / ${r.paced.batchLatencyMs.p99}` : "—"),
  ],
  [
    "1,000 records/s, parse-only floor server: batch p50 / p99 (ms)",
    "—",
    (r) => (r.floorPaced ? `${r.floorPaced.batchLatencyMs.p50} / ${r.floorPaced.batchLatencyMs.p99}` : "—"),
  ],
  [
    "1,000 records/s: delivery p50 / p99 (ms)",
    "< 300 / < 2,000",
    (r) => (r.paced ? `${r.paced.deliveryLatencyMs.p50} / ${r.paced.deliveryLatencyMs.p99}` : "—"),
  ],
  [
    "BatchSpanProcessor: accepted / delivered (records/s)",
    "—",
    (r) => (r.baseline ? `${n(r.baseline.acceptedPerSecond)} / ${n(r.baseline.deliveredPerSecond)}` : "—"),
  ],
  ["BatchSpanProcessor: dropped", "—", (r) => (r.baseline ? `${r.baseline.droppedPercent} %` : "—")],
  [
    "durable path ÷ BatchSpanProcessor delivered",
    "≥ 1.0×",
    (r) => (r.e2e && r.baseline ? `${(r.e2e.recordsPerSecond / r.baseline.deliveredPerSecond).toFixed(2)}×` : "—"),
  ],
  [
    "idle memory: server process (MB) / processes",
    "—",
    (r) =>
      r.idleMemoryMb ? `${r.idleMemoryMb.largest} / ${r.idleMemoryMb.processes} (tree ${r.idleMemoryMb.total})` : "—",
  ],
  [
    "peak memory during ingest / e2e (MB)",
    "—",
    (r) =>
      r.ingestPeakMemoryMb && r.e2ePeakMemoryMb
        ? `${r.ingestPeakMemoryMb.largest} / ${r.e2ePeakMemoryMb.largest}`
        : "—",
  ],
  ["sealing one ~12 KB record, one thread (µs)", "—", (r) => n(r.seal?.microsecondsPerRecord.total)],
  [
    "… with every redaction detector and a custom pattern (µs, overhead)",
    "≤ +20 %",
    (r) =>
      r.seal?.withRedaction
        ? `${r.seal.withRedaction.microsecondsPerRecord} (+${r.seal.withRedaction.overheadPercent} %)`
        : "—",
  ],
  [
    "… for two drains of one environment, same settings (µs, overhead)",
    "—",
    (r) =>
      r.seal?.withTwoDrains
        ? `${r.seal.withTwoDrains.microsecondsPerRecord} (+${r.seal.withTwoDrains.overheadPercent} %)`
        : "—",
  ],
  [
    "first-load JS over a bare Next page: largest page (kB)",
    "≤ +25",
    (r) => {
      if (!r.dashboard) return "—";
      const [page, kb] = Object.entries(r.dashboard.pages).sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
      return `+${(kb - r.dashboard.barePageKb).toFixed(1)} (${page.split("/").slice(-1)[0] || "/"})`;
    },
  ],
  [
    "Integrations TTFB / LCP, median (ms)",
    "< 100 / < 1,000",
    (r) => (r.dashboard ? `${r.dashboard.integrations.ttfbMs} / ${r.dashboard.integrations.lcpMs}` : "—"),
  ],
  [
    "backlog drained: records, records/s, peak server RSS (MB)",
    "< 250 MB",
    (r) =>
      r.backlog
        ? `${n(r.backlog.delivered)}, ${n(r.backlog.drainRecordsPerSecond)}, ${r.backlog.peakMemoryMb.largest}`
        : "—",
  ],
];

/** One column per run; rows no run has a figure for are left out. */
function renderTable(columns: Run[]): string {
  const header = `| figure | target | ${columns.map((r) => r.label).join(" | ")} |`;
  const sep = `|---|---|${columns.map(() => "---:").join("|")}|`;
  const lines = rows
    .map(([name, target, f]) => [name, target, columns.map(f)] as const)
    .filter(([, , cells]) => cells.some((c) => c !== "—"))
    .map(([name, target, cells]) => `| ${name} | ${target} | ${cells.join(" | ")} |`);
  return [header, sep, ...lines].join("\n");
}
const postgresRuns = runs.filter((r) => r.database !== "pglite");
const embeddedRuns = runs.filter((r) => r.database === "pglite");
const table = renderTable(postgresRuns);
const embeddedTable = embeddedRuns.length > 0 ? renderTable(embeddedRuns) : "No run on the embedded database yet.";
const last = postgresRuns.at(-1) ?? runs.at(-1)!;

const text = fs.readFileSync(path.join(process.cwd(), "bench/BENCHMARKS.template.md"), "utf8");
const out = text
  .replace(
    "{{machine}}",
    `${last.machine.cpus} cores (${last.machine.cpu ?? "unknown CPU"}), ${last.machine.memoryGb} GiB, Node ${last.node}`,
  )
  .replace(
    "{{settings}}",
    `${last.settings.senders} senders, ${last.settings.perBody}-record JSON arrays of ~${last.settings.recordBytes}-byte records, ${last.settings.seconds} s phases`,
  )
  .replace(
    "{{runs}}",
    runs
      .map(
        (r) =>
          `- **${r.label}**: ${r.date.slice(0, 16).replace("T", " ")} UTC, server \`${r.serverCommand}\` on ${r.database === "pglite" ? "the embedded database (PGlite)" : "PostgreSQL"}`,
      )
      .join("\n"),
  )
  .replace("{{table}}", table)
  .replace("{{embedded}}", embeddedTable);
// Formatted as the repository's Prettier check expects, so a fresh report can be committed as is.
const target = path.join(process.cwd(), "BENCHMARKS.md");
fs.writeFileSync(target, await format(out, { ...(await resolveConfig(target)), filepath: target }));
process.stdout.write(`${table}\n\nwritten to BENCHMARKS.md\n`);
