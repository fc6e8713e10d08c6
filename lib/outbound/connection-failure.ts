import { OutboundBlockedError } from "./guard";
import type { ConnectionResult } from "../validation/llm-trace-drains";

// A Test connection that never got an HTTP answer, as a reason the customer can act on.
// Shared by every destination's credential check.

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ERR_TLS/;

export function connectionFailure(err: unknown, host: string, what: string): ConnectionResult {
  if (err instanceof OutboundBlockedError) {
    return err.reason === "unresolvable"
      ? { ok: false, reason: "unreachable", message: `${host} does not resolve. Check the ${what}.` }
      : {
          ok: false,
          reason: "blocked",
          message: `${host} points to a private or reserved network address, which drains may not reach.`,
        };
  }
  const e = err as { code?: string; name?: string; message?: string };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "ABORT_ERR" || e.code === "ETIMEDOUT") {
    return { ok: false, reason: "timeout", message: `${host} did not answer in time.` };
  }
  if ((e.code && TLS_CODES.test(e.code)) || (e.message && /certificate|TLS|SSL/i.test(e.message))) {
    return {
      ok: false,
      reason: "tls",
      message: `The TLS connection to ${host} failed (${e.code ?? "certificate problem"}). The destination must present a valid certificate.`,
    };
  }
  return { ok: false, reason: "unreachable", message: `Could not connect to ${host}${e.code ? ` (${e.code})` : ""}.` };
}
