"use client";

import { Stat } from "@/components/ui/stat";
import type { DrainHealth } from "@/lib/validation/drain-health";
import { ApiError } from "@/lib/api-client";
import { formatDateTime } from "@/lib/format";
import { HealthStatusBadge } from "./health-status-badge";
import type { DrainType } from "@/lib/validation/llm-trace-drains";
import { destinationMeta } from "@/lib/destinations/registry";
import { DeliveryChart } from "./delivery-chart";
import { useDrainHealth, useRetryDeliveries, useSendTestTrace } from "./use-drains";

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
            <button type="button" className="btn" disabled={testTrace.isPending} onClick={() => testTrace.mutate()}>
              {testTrace.isPending ? "Sending…" : "Send test trace"}
            </button>
            <button
              type="button"
              className="btn"
              disabled={retry.isPending || (h.deadLetters === 0 && h.status !== "authentication_failed")}
              onClick={() => retry.mutate()}
            >
              {retry.isPending
                ? "Retrying…"
                : h.status === "authentication_failed"
                  ? "Retry now"
                  : "Retry dead letters"}
            </button>
          </div>
        ) : null}
      </div>
      {testTrace.data ? (
        <div
          className={`alert ${testTrace.data.ok ? "alert-ok" : "alert-error"}`}
          role={testTrace.data.ok ? "status" : "alert"}
        >
          {testTrace.data.message} <span className="mono muted">trace {testTrace.data.traceId}</span>
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
      {h.status === "authentication_failed" ? (
        <div className="alert alert-error" role="alert">
          {destination} refused this drain&apos;s {credentialsNoun}
          {h.lastError?.httpStatus ? ` (HTTP ${h.lastError.httpStatus})` : ""}: {h.lastError?.message}. Deliveries are
          held, not lost: update the {credentialsNoun} (Edit), or press Retry now.
        </div>
      ) : null}
      {h.status === "ingestion_suspended" ? (
        <div className="alert alert-error" role="alert">
          {destination} suspended ingestion: {h.lastError?.message}. Deliveries keep retrying with backoff for up to 24
          hours; raise the usage limit or plan at {destination}.
        </div>
      ) : null}
      <div className="stats" style={{ marginBottom: 16 }}>
        <Stat label="Status">
          <HealthStatusBadge status={h.status} />
        </Stat>
        <Stat label="Delivered (24 h)">{h.delivered24h}</Stat>
        <Stat label="Pending">{h.pending}</Stat>
        <Stat label="Dead letters">{h.deadLetters}</Stat>
      </div>
      <dl className="config-list" style={{ marginBottom: 16 }}>
        <dt>Last success</dt>
        <dd>{h.lastSuccessAt ? formatDateTime(h.lastSuccessAt) : "Never"}</dd>
        <dt>Last error</dt>
        <dd>
          {h.lastError ? (
            <>
              {formatDateTime(h.lastError.at)}
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
