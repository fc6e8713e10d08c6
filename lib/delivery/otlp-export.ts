import https from "node:https";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes, type Resource } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { SpanKind, SpanStatusCode, TraceFlags, type HrTime } from "@opentelemetry/api";
import { checkLiteralHost, guardedLookup, OutboundBlockedError } from "../outbound/guard";
import { basicAuth } from "../outbound/https-request";
import type { MappedSpan } from "../tracing/span-mapping";

// Sends spans to Langfuse's OTLP endpoint with @opentelemetry/exporter-trace-otlp-http
// (OTLP/JSON). Stored spans become ReadableSpans; the exporter serialises them. Every
// connection resolves through the SSRF guard (DNS rebinding), TLS is verified, and the
// exporter's own retries are bounded by its timeout; longer backoff is the outbox's job.

export type ExportTarget = { baseUrl: string; publicKey: string; secretKey: string };
export type ExportOutcome =
  | { kind: "delivered" }
  | { kind: "retryable"; status?: number; message: string }
  | { kind: "suspended"; status: number; message: string }
  | { kind: "rejected"; status: number; message: string }
  | { kind: "auth"; status: number; message: string };

const resource: Resource = resourceFromAttributes({
  "service.name": "aptible-ai-gateway",
  "telemetry.sdk.language": "nodejs",
});
const scope = { name: "aptible.llm-trace-drain", version: "1.0.0" };

function hrTime(nanos: string): HrTime {
  const n = BigInt(nanos);
  return [Number(n / 1_000_000_000n), Number(n % 1_000_000_000n)];
}

export function toReadableSpan(s: MappedSpan): ReadableSpan {
  const start = hrTime(s.startTimeUnixNano);
  const end = hrTime(s.endTimeUnixNano);
  const durationNs = BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano);
  return {
    name: s.name,
    kind: SpanKind.CLIENT,
    spanContext: () => ({ traceId: s.traceId, spanId: s.spanId, traceFlags: TraceFlags.SAMPLED }),
    startTime: start,
    endTime: end,
    duration: [Number(durationNs / 1_000_000_000n), Number(durationNs % 1_000_000_000n)],
    status:
      s.status.code === 2 ? { code: SpanStatusCode.ERROR, message: s.status.message } : { code: SpanStatusCode.UNSET },
    attributes: s.attributes,
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

const agent = new https.Agent({ keepAlive: true, maxSockets: 8, lookup: guardedLookup });

export function otlpTracesUrl(baseUrl: string): string {
  return `${baseUrl}/api/public/otel/v1/traces`;
}

/** The destination's own words: Langfuse answers `{"message": …, "error": …}`. */
export function destinationMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null) {
      const { message, error } = parsed as { message?: unknown; error?: unknown };
      if (typeof message === "string" && message !== "") return message.slice(0, 1000);
      if (typeof error === "string" && error !== "") return error.slice(0, 1000);
    }
  } catch {
    // not JSON: the body as it is
  }
  return body.slice(0, 1000);
}

function classify(result: ExportResult): ExportOutcome {
  if (result.code === ExportResultCode.SUCCESS) return { kind: "delivered" };
  const err = result.error as (Error & { code?: number; data?: string }) | undefined;
  const status = typeof err?.code === "number" ? err.code : undefined;
  const detail = destinationMessage(err?.data || err?.message || "export failed");
  // Langfuse answers 403 "Ingestion suspended: Usage threshold exceeded" for a project over
  // its plan: the keys are fine and ingestion resumes when the plan allows, so it is retried
  // with backoff (within the retry window) instead of holding the drain as an auth failure.
  if (status === 403 && /ingestion suspended/i.test(detail)) return { kind: "suspended", status, message: detail };
  if (status === 401 || status === 403) return { kind: "auth", status, message: detail };
  if (status === 400 || status === 413) return { kind: "rejected", status, message: detail };
  return { kind: "retryable", status, message: status ? `HTTP ${status}: ${detail}` : detail };
}

export async function exportSpans(
  target: ExportTarget,
  spans: MappedSpan[],
  timeoutMillis = 15_000,
): Promise<ExportOutcome> {
  const url = new URL(otlpTracesUrl(target.baseUrl));
  try {
    await checkLiteralHost(url);
  } catch (err) {
    if (err instanceof OutboundBlockedError) return { kind: "retryable", message: `blocked: ${err.message}` };
    throw err;
  }
  const exporter = new OTLPTraceExporter({
    url: url.toString(),
    headers: { Authorization: basicAuth(target.publicKey, target.secretKey), "x-langfuse-ingestion-version": "4" },
    timeoutMillis,
    httpAgentOptions: () => agent,
  });
  try {
    const result = await new Promise<ExportResult>((resolve) => exporter.export(spans.map(toReadableSpan), resolve));
    return classify(result);
  } finally {
    await exporter.shutdown().catch(() => undefined);
  }
}
