"use client";

import { PendingButton } from "@/components/ui/pending-button";
import { Stat } from "@/components/ui/stat";
import type { DrainHealth } from "@/lib/validation/drain-health";
import { ApiError } from "@/lib/api-client";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DrainType } from "@/lib/validation/llm-trace-drains";
import { destinationMeta } from "@/lib/destinations/registry";
import { statusExplanation, statusLabel, statusTone } from "@/lib/drain-status";
import { DeliveryChart } from "./delivery-chart";
import { useDrainHealth, useRetryDeliveries, useSendTestTrace } from "./use-drains";

const TONE_ALERT = { ok: "alert-ok", neutral: "alert-info", warn: "alert-warn", danger: "alert-error" };

type Props = { environmentId: string; drainId: string; type: DrainType; initialHealth: DrainHealth; canWrite: boolean };

export function DrainHealthPanel({ environmentId, drainId, type, initialHealth, canWrite }: Props) {
  const { label: destination, credentialsNoun } = destinationMeta(type);
  const health = useDrainHealth(environmentId, drainId, initialHealth);
  const retry = useRetryDeliveries(environmentId, drainId);
  const testTrace = useSendTestTrace(environmentId, drainId);
  const h = health.data;
  return (
    <section className="panel" aria-labelledby="health-heading">
      <div className="page-header" style={{ marginBottom: 12 }}>
        <h2 id="health-heading">Delivery</h2>
        {canWrite && h.status !== "suspended" ? (
          <div className="row">
            <PendingButton pending={testTrace.isPending} onClick={() => testTrace.mutate()}>
              {testTrace.isPending ? "Sending…" : "Send test trace"}
            </PendingButton>
            <PendingButton
              pending={retry.isPending}
              disabled={h.deadLetters === 0 && h.status !== "authentication_failed"}
              onClick={() => retry.mutate()}
            >
              {retry.isPending
                ? "Retrying…"
                : h.status === "authentication_failed"
                  ? "Retry now"
                  : "Retry dead letters"}
            </PendingButton>
          </div>
        ) : null}
      </div>
      {testTrace.data ? (
        <div
          className={`alert ${testTrace.data.ok ? "alert-ok" : "alert-error"}`}
          role={testTrace.data.ok ? "status" : "alert"}
        >
          {testTrace.data.message} <span className="mono muted">trace {testTrace.data.traceId}</span>
          {testTrace.data.traceUrl ? (
            <>
              {" "}
              <a href={testTrace.data.traceUrl} target="_blank" rel="noreferrer">
                Open the trace in {destination}
              </a>
            </>
          ) : null}
        </div>
      ) : testTrace.error ? (
        <div className="alert alert-error" role="alert">
          {testTrace.error instanceof ApiError ? testTrace.error.message : "Could not send the test trace."}
        </div>
      ) : null}
      {retry.data ? (
        <div className="alert alert-ok" role="status">
          Requeued {retry.data.requeued} dead letter{retry.data.requeued === 1 ? "" : "s"}; deliveries resume now.
        </div>
      ) : null}
      <div
        className={`alert ${TONE_ALERT[statusTone(h.status)]}`}
        role={statusTone(h.status) === "danger" ? "alert" : "status"}
      >
        <strong>{statusLabel(h.status)}</strong>. {statusExplanation(h, { destination, credentials: credentialsNoun })}
      </div>
      <div className="stats" style={{ marginBottom: 16 }}>
        <Stat label="Delivered (24 h)">{h.delivered24h}</Stat>
        <Stat label="Pending">{h.pending}</Stat>
        <Stat label="Dead letters">{h.deadLetters}</Stat>
      </div>
      <dl className="config-list" style={{ marginBottom: 16 }}>
        <dt>Last success</dt>
        <dd>{h.lastSuccessAt ? <RelativeTime iso={h.lastSuccessAt} /> : "Never"}</dd>
        <dt>Last error</dt>
        <dd>
          {h.lastError ? (
            <>
              <RelativeTime iso={h.lastError.at} />
              {h.lastError.httpStatus ? ` · HTTP ${h.lastError.httpStatus}` : ""} ·{" "}
              <span className="mono">{h.lastError.message}</span>
            </>
          ) : (
            "None"
          )}
        </dd>
      </dl>
      <DeliveryChart hourly={h.hourly} />
    </section>
  );
}
