// The usual in-process alternative: the same span mapping, handed to OpenTelemetry JS's stock
// BatchSpanProcessor (default settings: queue 2048, batch 512, 5 s delay) with the same
// OTLP exporter, and 202 as soon as the spans are queued in memory. No durability: what
// the queue cannot hold is dropped. GET /stats reports how many spans were accepted.
// Usage: tsx bench/e2e/baseline-server.ts <port> <receiverUrl>
import http from "node:http";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { gatewayRecord } from "../../lib/tracing/gateway-record";
import { recordTimes } from "../../lib/tracing/record-times";
import { mapRecordToSpan } from "../../lib/tracing/span-mapping";
import { langfuseAttributes } from "../../lib/destinations/langfuse/span-attributes";
import { spanIdentity } from "../../lib/tracing/span-ids";

const [port, receiverUrl] = process.argv.slice(2);
const provider = new TracerProvider({
  spanProcessors: [
    new BatchSpanProcessor({
      exporter: new OTLPTraceExporter({
        url: `${receiverUrl}/api/public/otel/v1/traces`,
        headers: { Authorization: `Basic ${Buffer.from("pk-lf-bench:sk-lf-bench").toString("base64")}` },
      }),
    }),
  ],
});
const tracer = provider.getTracer("aptible.llm-trace-drain");
let accepted = 0;

http
  .createServer((req, res) => {
    if (req.url === "/stats") return res.end(JSON.stringify({ accepted }));
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const records = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown[];
      for (const raw of records) {
        const record = gatewayRecord.parse(raw);
        const times = recordTimes(record);
        if ("error" in times) continue;
        const mapped = mapRecordToSpan(record, {
          ...spanIdentity(record, () => ""),
          organizationId: "bench",
          environmentId: "bench",
          environmentHandle: "bench-production",
          keyAlias: "bench",
          forwardContent: true,
          times,
          extras: langfuseAttributes,
        });
        const span = tracer.startSpan(mapped.name, {
          kind: SpanKind.CLIENT,
          startTime: new Date(times.start * 1000),
          attributes: mapped.attributes,
        });
        if (mapped.status.code === 2) span.setStatus({ code: SpanStatusCode.ERROR, message: mapped.status.message });
        span.end(new Date(times.end * 1000));
        accepted++;
      }
      res.writeHead(202, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: records.length, skipped: [] }));
    });
  })
  .listen(Number(port), "127.0.0.1");
