import https from "node:https";
import { gunzipSync } from "node:zlib";
import { guardedLookup, OutboundBlockedError } from "../outbound/guard";
import { guardedHttpsRequest } from "../outbound/https-request";
import { headerSecrets, withoutSecrets } from "../outbound/echoed-secrets";
import { gzipJsonRequest, gzipRequest, partialSuccess } from "../otlp/export-request";
import type { ExportTarget } from "../destinations/types";
import { FORMAT_OTLP_JSON_GZIP } from "./payload-formats";
import { storableText } from "../api/unstorable-text";

// Sends stored spans to a drain's OTLP/HTTP endpoint as one ExportTraceServiceRequest, in
// the encoding they were stored in (protobuf or JSON), gzip-compressed unless the
// destination takes plain bodies. The body is assembled from the stored gzip members without
// decoding them. Every connection resolves through the SSRF guard (DNS rebinding), TLS is
// verified, connections are kept alive. Outcomes follow the OTLP spec: 429/502/503/504 and
// network errors are retried (honouring Retry-After), 400/413 reject the batch, 401/403 are
// the drain's problem.

export type ExportOutcome =
  | { kind: "delivered"; status?: number; rejected?: { count: number; message: string } }
  | { kind: "retryable"; status?: number; message: string; retryAfterMs?: number }
  | { kind: "suspended"; status: number; message: string; retryAfterMs?: number }
  | { kind: "rejected"; status: number; message: string }
  | { kind: "auth"; status: number; message: string };

const agent = new https.Agent({ keepAlive: true, maxSockets: 8, lookup: guardedLookup });
const MAX_RETRY_AFTER_MS = 3600_000;
/** A destination answering `Retry-After: 0` to every attempt would have us retry in a busy loop. */
const MIN_RETRY_AFTER_MS = 1_000;

/** The destination's own words: Langfuse answers `{"message": …, "error": …}`, OTLP receivers a Status. */
export function destinationMessage(body: string, secrets: readonly string[] = []): string {
  // Stored with the attempt: a NUL or a pair cut at 1,000 would fail the write, and the
  // span would be retried with no record of why.
  return storableText(withoutSecrets(ownWords(body), secrets).slice(0, 1000)) || "no message";
}

function ownWords(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null) {
      const { message, error } = parsed as { message?: unknown; error?: unknown };
      if (typeof message === "string" && message !== "") return message;
      if (typeof error === "string" && error !== "") return error;
    }
  } catch {
    // not JSON: the body as it is
  }
  return body;
}

/** Retry-After as seconds or an HTTP date, held between 1 s and an hour. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(Math.max(ms, MIN_RETRY_AFTER_MS), MAX_RETRY_AFTER_MS) : undefined;
}

export function classifyResponse(
  status: number,
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  isSuspension: ExportTarget["isSuspension"] = () => false,
  secrets: readonly string[] = [],
): ExportOutcome {
  const contentType = String(headers["content-type"] ?? "");
  // A 2xx web page is a website or a proxy's login page at the configured URL, not a receiver
  // that took the spans: counted delivered, they would be lost while the drain looked healthy.
  if (status >= 200 && status < 300 && /^text\/html/i.test(contentType)) {
    return {
      kind: "retryable",
      status,
      message: `HTTP ${status} with a web page instead of an OTLP answer: the URL leads to a website, not the traces endpoint`,
    };
  }
  if (status >= 200 && status < 300) {
    const partial = partialSuccess(body, contentType);
    return partial
      ? {
          kind: "delivered",
          status,
          rejected: {
            count: partial.rejectedSpans,
            message: storableText(withoutSecrets(partial.errorMessage, secrets).slice(0, 1000)),
          },
        }
      : { kind: "delivered", status };
  }
  const message = destinationMessage(body.toString("utf8"), secrets);
  const wait = retryAfterMs(headers["retry-after"]);
  // A destination may refuse for a while for reasons other than the credentials (Langfuse's
  // 403 "Ingestion suspended" for a project over its plan): retried with backoff within the
  // retry window instead of holding the drain as an authentication failure.
  if (isSuspension(status, message)) return { kind: "suspended", status, message, retryAfterMs: wait };
  if (status === 401 || status === 403) return { kind: "auth", status, message };
  if (status === 400 || status === 413) return { kind: "rejected", status, message };
  return { kind: "retryable", status, message: `HTTP ${status}: ${message}`, retryAfterMs: wait };
}

/** A batch of stored spans of one format: gzip members, and for protobuf the frames' total length. */
export type SpanBatch = { format: number; members: Buffer[]; framesLength: number };

/** Exports stored spans in one request. */
export async function exportSpanMembers(
  target: ExportTarget,
  batch: SpanBatch,
  timeoutMs = 15_000,
): Promise<ExportOutcome> {
  const json = batch.format === FORMAT_OTLP_JSON_GZIP;
  const gzipped = json ? gzipJsonRequest(batch.members) : gzipRequest(batch.members, batch.framesLength);
  const body = target.compression === "gzip" ? gzipped : gunzipSync(gzipped);
  try {
    const res = await guardedHttpsRequest(new URL(target.url), {
      method: "POST",
      agent,
      timeoutMs,
      body,
      headers: {
        ...target.headers,
        "content-type": json ? "application/json" : "application/x-protobuf",
        ...(target.compression === "gzip" ? { "content-encoding": "gzip" } : {}),
        "content-length": String(body.length),
      },
    });
    return classifyResponse(res.status, res.bytes, res.headers, target.isSuspension, headerSecrets(target.headers));
  } catch (err) {
    if (err instanceof OutboundBlockedError) {
      // A name that does not resolve is unreachable for now, not refused by the address policy.
      const what =
        err.reason === "unresolvable" ? "could not reach the destination" : "blocked by the outbound address policy";
      return { kind: "retryable", message: `${what}: ${err.message}` };
    }
    const e = err as NodeJS.ErrnoException;
    const what =
      e.name === "TimeoutError" || e.name === "AbortError" ? `timed out after ${timeoutMs} ms` : (e.code ?? e.message);
    return { kind: "retryable", message: `could not reach the destination: ${what}` };
  }
}
