"use client";

import { onDemand } from "@/components/ui/on-demand";
import type { ControlsSummary } from "./controls-summary";
import type { DrainView } from "@/lib/validation/llm-trace-drains";
import type { DrainHealth } from "@/lib/validation/drain-health";
import { useDrainHealth } from "./use-drains";
import { useEditToggle } from "./use-edit-toggle";

// The form (react-hook-form) loads when the owner presses Change controls.
const ControlsForm = onDemand(
  () => import("./controls-form").then((m) => m.ControlsForm),
  <p className="muted">Loading the form…</p>,
);

type Props = {
  environmentId: string;
  drain: DrainView;
  summary: ControlsSummary;
  initialHealth: DrainHealth;
  canWrite: boolean;
};

/** Redaction, sampling and filters of the drain, and what they left out in the last 24 hours. */
export function DrainControlsPanel({ environmentId, drain, summary: s, initialHealth, canWrite }: Props) {
  const { editing, open, close, button } = useEditToggle();
  const h = useDrainHealth(environmentId, drain.id, initialHealth).data;
  return (
    <section className="panel" aria-labelledby="controls-heading">
      <div className="page-header" style={{ marginBottom: 12 }}>
        <h2 id="controls-heading">Controls</h2>
        {canWrite && !editing && drain.status !== "suspended" ? (
          <button type="button" className="btn" ref={button} onClick={open}>
            Change controls
          </button>
        ) : null}
      </div>
      {editing ? (
        <ControlsForm environmentId={environmentId} drain={drain} onDone={close} />
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
