import https from "node:https";
import { guardedLookup, OutboundBlockedError } from "../outbound/guard";
import { basicAuth, guardedHttpsRequest } from "../outbound/https-request";
import { gzipRequest, partialSuccess } from "../otlp/export-request";

// Sends stored spans to Langfuse's OTLP endpoint as one gzip-compressed protobuf
// ExportTraceServiceRequest (Langfuse accepts application/x-protobuf and gzip). The body is
// assembled from the stored gzip members without decoding them. Every connection resolves
// through the SSRF guard (DNS rebinding), TLS is verified, connections are kept alive.
// Outcomes follow the OTLP spec: 429/502/503/504 and network errors are retried (honouring
// Retry-After), 400/413 reject the batch, 401/403 are the drain's problem.

export type ExportTarget = { baseUrl: string; publicKey: string; secretKey: string };
export type ExportOutcome =
  | { kind: "delivered"; rejected?: { count: number; message: string } }
  | { kind: "retryable"; status?: number; message: string; retryAfterMs?: number }
  | { kind: "suspended"; status: number; message: string; retryAfterMs?: number }
  | { kind: "rejected"; status: number; message: string }
  | { kind: "auth"; status: number; message: string };

const agent = new https.Agent({ keepAlive: true, maxSockets: 8, lookup: guardedLookup });
const MAX_RETRY_AFTER_MS = 3600_000;

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
  return body.slice(0, 1000) || "no message";
}

/** Retry-After as seconds or an HTTP date. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}

export function classifyResponse(
  status: number,
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
): ExportOutcome {
  const contentType = String(headers["content-type"] ?? "");
  if (status >= 200 && status < 300) {
    const partial = partialSuccess(body, contentType);
    return partial
      ? { kind: "delivered", rejected: { count: partial.rejectedSpans, message: partial.errorMessage } }
      : { kind: "delivered" };
  }
  const message = destinationMessage(body.toString("utf8"));
  const wait = retryAfterMs(headers["retry-after"]);
  // Langfuse answers 403 "Ingestion suspended: Usage threshold exceeded" for a project over
  // its plan: the keys are fine and ingestion resumes when the plan allows, so it is retried
  // with backoff (within the retry window) instead of holding the drain as an auth failure.
  if (status === 403 && /ingestion suspended/i.test(message))
    return { kind: "suspended", status, message, retryAfterMs: wait };
  if (status === 401 || status === 403) return { kind: "auth", status, message };
  if (status === 400 || status === 413) return { kind: "rejected", status, message };
  return { kind: "retryable", status, message: `HTTP ${status}: ${message}`, retryAfterMs: wait };
}

/** Exports stored gzip members of span frames totalling `framesLength` bytes. */
export async function exportSpanMembers(
  target: ExportTarget,
  members: Buffer[],
  framesLength: number,
  timeoutMs = 15_000,
): Promise<ExportOutcome> {
  const body = gzipRequest(members, framesLength);
  try {
    const res = await guardedHttpsRequest(new URL(otlpTracesUrl(target.baseUrl)), {
      method: "POST",
      agent,
      timeoutMs,
      body,
      headers: {
        "content-type": "application/x-protobuf",
        "content-encoding": "gzip",
        "content-length": String(body.length),
        authorization: basicAuth(target.publicKey, target.secretKey),
        // Langfuse's real-time write path (without it, data can take ~10 minutes to show).
        "x-langfuse-ingestion-version": "4",
      },
    });
    return classifyResponse(res.status, res.bytes, res.headers);
  } catch (err) {
    if (err instanceof OutboundBlockedError) return { kind: "retryable", message: `blocked: ${err.message}` };
    const e = err as NodeJS.ErrnoException;
    const what =
      e.name === "TimeoutError" || e.name === "AbortError" ? `timed out after ${timeoutMs} ms` : (e.code ?? e.message);
    return { kind: "retryable", message: `could not reach the destination: ${what}` };
  }
}
