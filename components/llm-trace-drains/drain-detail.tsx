"use client";

import { PendingButton } from "@/components/ui/pending-button";
import { Fragment } from "react";
import { useRouter } from "next/navigation";
import type { DrainView } from "@/lib/validation/llm-trace-drains";
import { ApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { DrainStatusBadge } from "./drain-status-badge";
import { destinationLabel } from "@/lib/destinations/registry";
import { drainSettings } from "@/lib/destinations/drain-display";
import { ConnectionResultMessage } from "./connection-result";
import { onDemand } from "@/components/ui/on-demand";
import { DeleteDrainButton } from "./delete-drain-button";
import { useTestConnection, useUpdateDrain } from "./use-drains";
import { useEditToggle } from "./use-edit-toggle";

type Props = { environmentId: string; drain: DrainView; drainsPath: string; canWrite: boolean };

// The edit form (react-hook-form, zod) loads when the owner presses Edit, not with the page.
const EditDrainForm = onDemand(
  () => import("./edit-drain-form").then((m) => m.EditDrainForm),
  <p className="muted">Loading the form…</p>,
);

export function DrainDetail({ environmentId, drain, drainsPath, canWrite }: Props) {
  const router = useRouter();
  const { editing, open, close, button } = useEditToggle();
  const test = useTestConnection(environmentId, drain.id);
  const update = useUpdateDrain(environmentId, drain.id);
  const refresh = () => router.refresh();
  const suspended = drain.status === "suspended";

  return (
    <section className="panel" aria-labelledby="drain-config-heading">
      <div className="page-header" style={{ marginBottom: 12 }}>
        <h2 id="drain-config-heading">Configuration</h2>
        {canWrite && !editing ? (
          <div className="row">
            {!suspended ? (
              <>
                <PendingButton pending={test.isPending} onClick={() => test.mutate(undefined, { onSettled: refresh })}>
                  {test.isPending ? "Testing…" : "Test connection"}
                </PendingButton>
                <button type="button" className="btn" ref={button} onClick={open}>
                  Edit
                </button>
                <PendingButton
                  pending={update.isPending}
                  onClick={() => update.mutate({ paused: drain.status !== "paused" }, { onSuccess: refresh })}
                >
                  {drain.status === "paused" ? "Resume" : "Pause"}
                </PendingButton>
              </>
            ) : null}
            <DeleteDrainButton
              environmentId={environmentId}
              drainId={drain.id}
              handle={drain.handle}
              type={drain.type}
              drainsPath={drainsPath}
            />
          </div>
        ) : null}
      </div>
      {suspended ? (
        <div className="alert alert-error" role="alert">
          Suspended: {drain.suspendedReason}. Nothing is forwarded until access is restored.
        </div>
      ) : null}
      {update.error ? (
        <div className="alert alert-error" role="alert">
          {update.error instanceof ApiError ? update.error.message : "Could not update the drain."}
        </div>
      ) : null}
      <ConnectionResultMessage test={test} />
      {editing ? (
        <EditDrainForm environmentId={environmentId} drain={drain} onDone={close} />
      ) : (
        <dl className="config-list">
          <dt>Forwarding</dt>
          <dd>
            <DrainStatusBadge drain={drain} />
          </dd>
          <dt>Type</dt>
          <dd>{destinationLabel(drain.type)}</dd>
          <dt>Handle</dt>
          <dd>{drain.handle}</dd>
          {drainSettings(drain).map((row) => (
            <Fragment key={row.term}>
              <dt>{row.term}</dt>
              <dd>{row.code ? <code>{row.detail}</code> : row.detail}</dd>
            </Fragment>
          ))}
          <dt>Content</dt>
          <dd>
            {drain.forwardContent ? "Prompts and completions forwarded" : "Metadata only (no prompts or completions)"}
          </dd>
          <dt>Created</dt>
          <dd>
            {formatDateTime(drain.createdAt)}
            {drain.createdBy ? ` by ${drain.createdBy}` : ""}
          </dd>
        </dl>
      )}
    </section>
  );
}
