import { gzipSync } from "node:zlib";
import { guardedHttpsRequest } from "../../outbound/https-request";
import { connectionFailure } from "../../outbound/connection-failure";
import type { ConnectionResult } from "../../validation/llm-trace-drains";
import { destinationMessage } from "../../delivery/otlp-export";
import { headerSecrets } from "../../outbound/echoed-secrets";
import type { OtlpSettings } from "./server";

// Test connection for an OTLP/HTTP endpoint: an empty ExportTraceServiceRequest, which every
// OTLP receiver accepts (and stores nothing for), sent exactly as deliveries will be (same
// URL, headers, encoding, compression). Each failure becomes a reason the customer can act on.

export function emptyExportBody(encoding: "protobuf" | "json", compression: "gzip" | "none"): Buffer {
  const raw = encoding === "json" ? Buffer.from("{}") : Buffer.alloc(0);
  return compression === "gzip" ? gzipSync(raw) : raw;
}

export async function checkOtlpConnection(settings: OtlpSettings, timeoutMs = 10_000): Promise<ConnectionResult> {
  const url = new URL(settings.tracesUrl);
  const body = emptyExportBody(settings.encoding, settings.compression);
  let res;
  try {
    res = await guardedHttpsRequest(url, {
      method: "POST",
      timeoutMs,
      body,
      headers: {
        ...settings.headers,
        "content-type": settings.encoding === "json" ? "application/json" : "application/x-protobuf",
        ...(settings.compression === "gzip" ? { "content-encoding": "gzip" } : {}),
        "content-length": String(body.length),
      },
    });
  } catch (err) {
    return connectionFailure(err, url.host, "endpoint");
  }
  const status = res.status;
  const contentType = String(res.headers["content-type"] ?? "");
  // Joined into sentences of our own: its closing period would double ours.
  const said = destinationMessage(res.body, headerSecrets(settings.headers)).replace(/[.\s]+$/, "");
  if (status >= 200 && status < 300) {
    if (contentType.includes("text/html")) {
      return {
        ok: false,
        reason: "not_otlp",
        httpStatus: status,
        message: `${url.host} answered with a web page, not as an OTLP receiver. Check the endpoint's path (often /v1/traces).`,
      };
    }
    return { ok: true, message: `${url.host} accepted an empty OTLP export (HTTP ${status}).` };
  }
  if (status === 401 || status === 403) {
    return {
      ok: false,
      reason: status === 401 ? "invalid_keys" : "forbidden",
      httpStatus: status,
      message: `The endpoint refused the credentials (${status}): ${said}. Check the header names and values.`,
    };
  }
  if (status === 404 || status === 405) {
    return {
      ok: false,
      reason: "wrong_path",
      httpStatus: status,
      message: `No OTLP receiver at ${url.pathname} (${status}). Check the endpoint's path: most backends take https://<host>/v1/traces.`,
    };
  }
  if (status === 415) {
    return {
      ok: false,
      reason: "not_otlp",
      httpStatus: status,
      message: `The endpoint does not accept OTLP ${settings.encoding === "json" ? "JSON" : "protobuf"} (415). Try the other encoding.`,
    };
  }
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      reason: "not_otlp",
      httpStatus: status,
      message: `The endpoint answered with a redirect (${status}). Enter the exact URL it redirects to.`,
    };
  }
  if (status === 429 || status >= 500) {
    return {
      ok: false,
      reason: "unreachable",
      httpStatus: status,
      message: `The endpoint is not taking requests right now (${status}): ${said}. Try again later.`,
    };
  }
  return {
    ok: false,
    reason: "not_otlp",
    httpStatus: status,
    message: `The endpoint refused an empty OTLP export (${status}): ${said}. Is this an OTLP/HTTP traces endpoint?`,
  };
}
