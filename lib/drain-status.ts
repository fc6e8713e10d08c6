import type { DrainHealth, DrainHealthStatus } from "./validation/drain-health";
import { countOf } from "./format";

// How a drain's status reads, the same in the list and on the drain page: a label, a tone,
// what it means and what to do next. The status itself is derived on the server
// (lib/server/llm-trace-drains/health.ts); this only words it.

export type StatusTone = "ok" | "neutral" | "warn" | "danger";
type Wording = { label: string; tone: StatusTone; explain: (h: DrainHealth, names: Names) => string };
type Names = { destination: string; credentials: string };

const WORDING: Record<DrainHealthStatus, Wording> = {
  waiting: {
    label: "Waiting for first trace",
    tone: "neutral",
    explain: (h) =>
      h.pending > 0
        ? `${countOf(h.pending, "span")} on the way; nothing delivered yet.`
        : "Nothing delivered yet. Send a test trace, or call the AI Gateway with an LLM key of this environment.",
  },
  healthy: {
    label: "Healthy",
    tone: "ok",
    explain: (h) =>
      h.pending > 0 ? `Delivering; ${countOf(h.pending, "span")} queued.` : "Delivering; nothing is waiting.",
  },
  failing: {
    label: "Degraded",
    tone: "warn",
    explain: (h, n) => {
      const said = h.lastError ? `: ${h.lastError.message}` : "";
      // 400 and 413 are not retried: those spans went to the dead letters at once.
      if (h.lastError?.httpStatus === 400 || h.lastError?.httpStatus === 413) {
        return `${n.destination} rejected spans${said}. They are kept as dead letters (below), to retry once the cause is fixed; other spans are still delivered.`;
      }
      // The destination's own words may end a sentence already ("… upgrade your plan.").
      const reason = said.replace(/[.\s]+$/, "");
      const waiting =
        h.pending > 0 || h.deadLetters === 0
          ? `${countOf(h.pending, "span")} waiting, retried with backoff for up to ${countOf(h.retryWindowHours, "hour")}.`
          : "None waiting: the rest are dead letters (below).";
      return `Deliveries to ${n.destination} are failing${reason}. ${waiting}`;
    },
  },
  authentication_failed: {
    label: "Authentication failed",
    tone: "danger",
    explain: (h, n) =>
      `${n.destination} refused the ${n.credentials}${h.lastError ? ` (${h.lastError.httpStatus ? `HTTP ${h.lastError.httpStatus}: ` : ""}${h.lastError.message})` : ""}. Deliveries are held, not lost: update the ${n.credentials} (Edit), or press Retry now.`,
  },
  ingestion_suspended: {
    label: "Ingestion suspended by the destination",
    tone: "danger",
    explain: (h, n) =>
      `${n.destination} refuses ingestion for now${h.lastError ? `: ${h.lastError.message}` : ""}. Deliveries keep retrying with backoff for up to ${countOf(h.retryWindowHours, "hour")}; raise the usage limit or plan at ${n.destination}.`,
  },
  paused: {
    label: "Paused",
    tone: "neutral",
    explain: () => "Nothing is forwarded while the drain is paused. Resume it to forward new requests.",
  },
  suspended: {
    label: "Suspended",
    tone: "danger",
    explain: (h) =>
      `${h.suspendedReason ?? "The organization no longer has a signed BAA and AI Gateway beta enrollment"}; nothing is forwarded until a platform admin restores it.`,
  },
};

export function statusLabel(status: DrainHealthStatus): string {
  return WORDING[status].label;
}

export function statusTone(status: DrainHealthStatus): StatusTone {
  return WORDING[status].tone;
}

export function statusExplanation(health: DrainHealth, names: Names): string {
  return WORDING[health.status].explain(health, names);
}
