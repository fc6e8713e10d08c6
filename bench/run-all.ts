// npm run bench -- [--label current] [--backlog 0] [e2e options…]
// Every benchmark in one run, into bench/results/<label>.json, then BENCHMARKS.md:
//   the end-to-end benchmark (bench/e2e/run.ts: separate load generator, HTTPS receiver,
//   production server on PostgreSQL, parse-only floor, BatchSpanProcessor baseline),
//   the dashboard's first-load JS and Integrations TTFB/LCP (bench/dashboard/measure.ts),
//   and the in-process figures: per-record sealing cost (bench/seal-slice.ts) and ingest and
//   delivery without HTTP (bench/ingest-and-deliver.ts).
// Needs BENCH_DATABASE_URL (PostgreSQL) and a production build (npm run build).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runJson, start } from "./e2e/processes";

const { values } = parseArgs({
  options: { label: { type: "string", default: "current" } },
  allowPositionals: true,
  strict: false,
});
const label = String(values.label);
if (!process.env.BENCH_DATABASE_URL) throw new Error("Set BENCH_DATABASE_URL to a PostgreSQL URL");
if (!fs.existsSync("dist/server.js") || !fs.existsSync(".next/BUILD_ID")) throw new Error("Run npm run build first");
const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
const passThrough = process.argv.slice(2);
const env = { BENCH_DATABASE_URL: process.env.BENCH_DATABASE_URL };

const e2e = await runJson<Record<string, unknown>>(tsx, ["bench/e2e/run.ts", ...passThrough], env);
const dashboard = await runJson<{
  bareNext: { firstLoadJs: { gzipKB: number } };
  pages: { path: string; firstLoadJs?: { gzipKB: number } }[];
  integrationsBrowser: { ttfbMs: { median: number }; lcpMs: { median: number } };
}>(tsx, ["bench/dashboard/measure.ts"]);
const seal = await runJson<Record<string, unknown>>(tsx, ["bench/seal-slice.ts"]);
const inProcess = await runJson<Record<string, unknown>>(tsx, ["bench/ingest-and-deliver.ts", "--size", "12300"], env);

const result = {
  ...e2e,
  label,
  dashboard: {
    barePageKb: dashboard.bareNext.firstLoadJs.gzipKB,
    pages: Object.fromEntries(dashboard.pages.flatMap((p) => (p.firstLoadJs ? [[p.path, p.firstLoadJs.gzipKB]] : []))),
    integrations: {
      ttfbMs: dashboard.integrationsBrowser.ttfbMs.median,
      lcpMs: dashboard.integrationsBrowser.lcpMs.median,
    },
  },
  seal,
  inProcess,
};
fs.writeFileSync(path.join("bench/results", `${label}.json`), JSON.stringify(result, null, 2) + "\n");
const report = start(tsx, ["bench/report.ts"]);
await new Promise((resolve) => report.child.once("exit", resolve));
process.stdout.write(fs.readFileSync("BENCHMARKS.md", "utf8"));
