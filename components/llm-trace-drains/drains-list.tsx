"use client";

import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { useDrains, type DrainList } from "./use-drains";
import { HealthStatusBadge } from "./health-status-badge";
import { destinationLabel } from "@/lib/destinations/registry";
import { drainCredentials, drainTarget } from "@/lib/destinations/drain-display";

type Props = {
  environmentId: string;
  drainsPath: string;
  initial: DrainList;
  canCreate: boolean;
  /** Why there is no New button, said instead of leaving a dead end. */
  cannotCreateReason: string | null;
};

export function DrainsList({ environmentId, drainsPath, initial, canCreate, cannotCreateReason }: Props) {
  const query = useDrains(environmentId, initial);
  const drains = query.data;
  const suspended = drains?.drains.find((d) => d.status === "suspended");
  return (
    <section className="panel" aria-labelledby="drains-heading">
      <div className="page-header" style={{ marginBottom: 12 }}>
        <div>
          <h2 id="drains-heading">LLM Trace Drains</h2>
          <p className="muted">
            Forward every AI Gateway request of this environment to an observability tool as an OpenTelemetry span.
          </p>
        </div>
        {canCreate ? (
          <Link className="btn btn-primary" href={`${drainsPath}/new`}>
            New LLM Trace Drain
          </Link>
        ) : null}
      </div>
      {cannotCreateReason && !suspended ? (
        <p className="alert alert-info" role="note">
          {cannotCreateReason}
        </p>
      ) : null}
      {suspended ? (
        <div className="alert alert-error" role="alert">
          Drains are suspended and forward nothing: {suspended.suspendedReason}. Contact support to restore access.
        </div>
      ) : null}
      {query.isError ? (
        <div className="alert alert-error" role="alert">
          Could not load drains.{" "}
          <button className="btn-link" onClick={() => query.refetch()}>
            Retry
          </button>
        </div>
      ) : !drains || drains.drains.length === 0 ? (
        <div className="empty">
          <p>No LLM Trace Drains yet.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="cards-narrow">
            <thead>
              <tr>
                <th scope="col">Handle</th>
                <th scope="col">Type</th>
                <th scope="col">Sends to</th>
                <th scope="col">Credentials</th>
                <th scope="col">Status</th>
                <th scope="col">Delivered (24 h)</th>
                <th scope="col">Pending</th>
                <th scope="col">Dead letters</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {drains.drains.map((d) => {
                const health = drains.health[d.id];
                return (
                  <tr key={d.id}>
                    <td data-label="Handle">
                      <Link href={`${drainsPath}/${d.id}`}>{d.handle}</Link>
                    </td>
                    <td data-label="Type">{destinationLabel(d.type)}</td>
                    <td data-label="Sends to">
                      <code>{drainTarget(d)}</code>
                    </td>
                    <td data-label="Credentials">
                      {drainCredentials(d).map((c) => (
                        <code key={c} style={{ display: "block" }}>
                          {c}
                        </code>
                      ))}
                    </td>
                    <td data-label="Status">
                      {health ? (
                        <HealthStatusBadge
                          status={health.status}
                          title={d.suspendedReason ?? health.lastError?.message}
                        />
                      ) : null}
                    </td>
                    <td data-label="Delivered (24 h)">{health?.delivered24h ?? 0}</td>
                    <td data-label="Pending">{health?.pending ?? 0}</td>
                    <td data-label="Dead letters">{health?.deadLetters ?? 0}</td>
                    <td data-label="Created">
                      {formatDateTime(d.createdAt)}
                      {d.createdBy ? <span className="muted"> by {d.createdBy}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
