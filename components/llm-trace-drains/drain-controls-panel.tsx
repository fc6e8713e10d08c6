"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { onDemand } from "@/components/ui/on-demand";
import { DETECTOR_NAMES } from "@/lib/redaction/detector-names";
import type { DrainControls } from "@/lib/validation/drain-controls";
import type { DrainView } from "@/lib/validation/llm-trace-drains";
import type { DrainHealth } from "@/lib/validation/drain-health";
import { useDrainHealth } from "./use-drains";

// The form (react-hook-form) loads when the owner presses Change controls.
const ControlsForm = onDemand(
  () => import("./controls-form").then((m) => m.ControlsForm),
  <p className="muted">Loading the form…</p>,
);

function summary(c: DrainControls) {
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

type Props = { environmentId: string; drain: DrainView; initialHealth: DrainHealth; canWrite: boolean };

/** Redaction, sampling and filters of the drain, and what they left out in the last 24 hours. */
export function DrainControlsPanel({ environmentId, drain, initialHealth, canWrite }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const h = useDrainHealth(environmentId, drain.id, initialHealth).data;
  const s = summary(drain.controls);
  return (
    <section className="panel" aria-labelledby="controls-heading">
      <div className="page-header" style={{ marginBottom: 12 }}>
        <h2 id="controls-heading">Controls</h2>
        {canWrite && !editing && drain.status !== "suspended" ? (
          <button type="button" className="btn" ref={editButton} onClick={() => setEditing(true)}>
            Change controls
          </button>
        ) : null}
      </div>
      {editing ? (
        <ControlsForm
          environmentId={environmentId}
          drain={drain}
          onDone={() => {
            setEditing(false);
            router.refresh();
            setTimeout(() => editButton.current?.focus(), 0);
          }}
        />
      ) : (
        <dl className="config-list">
          <dt>Redaction</dt>
          <dd>{s.redaction}</dd>
          <dt>Sampling</dt>
          <dd>{s.sampling}</dd>
          <dt>Filters</dt>
          <dd>{s.filters}</dd>
          <dt>Left out (24 h)</dt>
          <dd>
            {h.sampledOut24h} sampled out, {h.filteredOut24h} filtered out (counted, not sent)
          </dd>
        </dl>
      )}
    </section>
  );
}
