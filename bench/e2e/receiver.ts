// The benchmark's destination: an HTTPS server on loopback that answers every OTLP export
// with 200 at once (Langfuse's OTLP path shape), then counts what arrived: spans, distinct
// span ids (a repeat is a duplicate delivery) and delivery latency (arrival − the span's end
// time, which the load generator sets to the send time). A control port (http, next port)
// serves GET /stats and POST /reset.
// Usage: tsx bench/e2e/receiver.ts <port> <certPath> <keyPath>
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { scanExport } from "./otlp-scan";

const [port, certPath, keyPath] = process.argv.slice(2);
const stats = { requests: 0, bytes: 0, spans: 0, unique: 0, duplicates: 0, firstAt: 0, lastAt: 0 };
let seen = new Set<string>();
let latencies: number[] = [];

function reset() {
  Object.assign(stats, { requests: 0, bytes: 0, spans: 0, unique: 0, duplicates: 0, firstAt: 0, lastAt: 0 });
  seen = new Set();
  latencies = [];
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

https
  .createServer({ cert: fs.readFileSync(certPath!), key: fs.readFileSync(keyPath!) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url?.startsWith("/api/public/projects")) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({ data: [{ id: "bench", name: "Bench", organization: { id: "o", name: "O" } }] }),
        );
      }
      const type = String(req.headers["content-type"] ?? "");
      res.writeHead(200, { "content-type": type.includes("protobuf") ? "application/x-protobuf" : "application/json" });
      res.end(type.includes("protobuf") ? "" : "{}");
      const body = Buffer.concat(chunks);
      const arrived = Date.now();
      const spans = scanExport(body, type, String(req.headers["content-encoding"] ?? ""));
      stats.requests++;
      stats.bytes += body.length;
      stats.firstAt ||= arrived;
      stats.lastAt = arrived;
      for (const s of spans) {
        stats.spans++;
        if (seen.has(s.spanId)) stats.duplicates++;
        else {
          seen.add(s.spanId);
          stats.unique++;
        }
        latencies.push(arrived - Number(s.endNanos / 1_000_000n));
      }
    });
  })
  .listen(Number(port), "127.0.0.1");

http
  .createServer((req, res) => {
    if (req.url === "/reset" && req.method === "POST") reset();
    const sorted = [...latencies].sort((a, b) => a - b);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ...stats, latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) } }));
  })
  .listen(Number(port) + 1, "127.0.0.1");
