import { DETECTOR_NAMES } from "@/lib/redaction/detector-names";
import type { DrainControls } from "@/lib/validation/drain-controls";

// The drain's controls in words, worked out on the server: the page sends three strings
// rather than the detector names and this code to the browser.

export type ControlsSummary = { redaction: string; sampling: string; filters: string };

export function controlsSummary(c: DrainControls): ControlsSummary {
  const r = c.redaction;
  const redaction = [
    ...r.detectors.map((d) => DETECTOR_NAMES[d].label),
    ...r.customPatterns.map((p) => `${p.name} (custom)`),
  ];
  const f = c.filters;
  const filters = [
    f.llmKeyIds.length > 0 ? `${f.llmKeyIds.length} LLM key${f.llmKeyIds.length === 1 ? "" : "s"}` : null,
    f.models.length > 0 ? `models ${f.models.join(", ")}` : null,
    f.callTypes.length > 0 ? `call types ${f.callTypes.join(", ")}` : null,
    f.onlyFailures ? "failed requests only" : null,
  ].filter((x): x is string => x !== null);
  return {
    redaction: redaction.length > 0 ? redaction.join(", ") : "Off",
    sampling: `${c.sampleRate}% of sessions${c.sampleRate < 100 && c.keepFailures ? ", every failed request" : ""}`,
    filters: filters.length > 0 ? filters.join("; ") : "None: every request",
  };
}
