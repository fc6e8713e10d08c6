import { createHash } from "node:crypto";
import type { DrainControls } from "../validation/drain-controls";
import type { GatewayRecord } from "../tracing/gateway-record";

// Whether a drain takes a record, by its filters and its sample rate. Sampling is
// deterministic on the client's session (else the request), so a sampled session arrives
// whole, and every instance decides the same; failed requests can be kept regardless.

export type Selection = "keep" | "filtered" | "sampled";

/** A stable fraction in [0, 1) for a session or request id. */
export function sampleFraction(id: string): number {
  return createHash("sha1").update(id).digest().readUInt32BE(0) / 2 ** 32;
}

export function selectRecord(
  record: GatewayRecord,
  c: { keyId: string; failed: boolean; sessionId: string | undefined },
  controls: DrainControls,
): Selection {
  const f = controls.filters;
  if (f.onlyFailures && !c.failed) return "filtered";
  if (f.llmKeyIds.length > 0 && !f.llmKeyIds.includes(c.keyId)) return "filtered";
  if (f.callTypes.length > 0 && !f.callTypes.includes(record.call_type ?? "")) return "filtered";
  if (f.models.length > 0) {
    const names = [record.model, record.model_group].filter((m): m is string => typeof m === "string" && m !== "");
    if (!names.some((m) => f.models.includes(m))) return "filtered";
  }
  if (controls.sampleRate >= 100 || (c.failed && controls.keepFailures)) return "keep";
  const id = c.sessionId ?? record.id ?? record.litellm_call_id ?? "";
  return sampleFraction(id) * 100 < controls.sampleRate ? "keep" : "sampled";
}
