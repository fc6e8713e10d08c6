"use client";

import { useState } from "react";
import { ApiError } from "@/lib/api-client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import type { DeliveryAttempt } from "@/lib/validation/drain-health";
import { useDeadLetterAction, useDrainDeliveries } from "./use-drains";

type Props = { environmentId: string; drainId: string; canWrite: boolean };

const OUTCOME: Record<DeliveryAttempt["outcome"], string> = {
  delivered: "Delivered",
  partial: "Partly rejected",
  retrying: "Will retry",
  rejected: "Rejected",
  refused: "Credentials refused",
};

/** The last export attempts, and the dead letters with Retry and Discard (identified, never their content). */
export function RecentDeliveries({ environmentId, drainId, canWrite }: Props) {
  const query = useDrainDeliveries(environmentId, drainId);
  const retry = useDeadLetterAction(environmentId, drainId, "retry");
  const discard = useDeadLetterAction(environmentId, drainId, "discard");
  // Discarding cannot be undone: it is confirmed first, as deleting a drain is.
  const [discarding, setDiscarding] = useState<{ id: string; name: string } | null>(null);
  const failed = retry.error;
  const d = query.data;
  return (
    <section className="panel" aria-labelledby="recent-deliveries-heading">
      <h2 id="recent-deliveries-heading">Recent deliveries</h2>
      {query.isError ? (
        <div className="alert alert-error" role="alert">
          Could not load the recent deliveries.
        </div>
      ) : !d ? (
        <p role="status">Loading…</p>
      ) : d.attempts.length === 0 ? (
        <p className="muted">No delivery attempts yet.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Recent delivery attempts">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Outcome</th>
                <th scope="col">HTTP</th>
                <th scope="col">Spans</th>
                <th scope="col">Duration</th>
                <th scope="col">Destination&apos;s message</th>
              </tr>
            </thead>
            <tbody>
              {d.attempts.map((a, i) => (
                <tr key={`${a.at}-${i}`}>
                  <td>
                    <RelativeTime iso={a.at} />
                  </td>
                  <td>{OUTCOME[a.outcome]}</td>
                  <td>{a.httpStatus ?? "—"}</td>
                  <td>{a.spanCount}</td>
                  <td>{a.durationMs} ms</td>
                  <td>{a.message ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Dead letters{d ? ` (${d.deadLetterTotal})` : ""}</h3>
      {failed ? (
        <div className="alert alert-error" role="alert">
          {failed instanceof ApiError ? failed.message : "That did not work. Try again."}
        </div>
      ) : null}
      {d && d.deadLetters.length > 0 ? (
        <div className="table-scroll">
          <table aria-label="Dead letters">
            <thead>
              <tr>
                <th scope="col">Gave up</th>
                <th scope="col">Request id</th>
                <th scope="col">Model</th>
                <th scope="col">Reason</th>
                {canWrite ? (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {d.deadLetters.map((x) => (
                <tr key={x.id}>
                  <td>
                    <RelativeTime iso={x.deadAt} />
                  </td>
                  <td className="mono">{x.requestId ?? "unknown"}</td>
                  <td>{x.model ?? "unknown"}</td>
                  <td>{x.reason}</td>
                  {canWrite ? (
                    <td>
                      <div className="row">
                        <button
                          type="button"
                          className="btn"
                          disabled={retry.isPending}
                          aria-label={`Retry dead letter ${x.requestId ?? x.id}`}
                          onClick={() => retry.mutate(x.id)}
                        >
                          Retry
                        </button>
                        <button
                          type="button"
                          className="btn btn-danger"
                          disabled={discard.isPending}
                          aria-label={`Discard dead letter ${x.requestId ?? x.id}`}
                          onClick={() => {
                            discard.reset();
                            setDiscarding({ id: x.id, name: x.requestId ?? x.id });
                          }}
                        >
                          Discard
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">None: every span either arrived or is still being retried.</p>
      )}
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => (open ? undefined : setDiscarding(null))}
        title={`Discard dead letter ${discarding?.name ?? ""}?`}
        description="Its span is deleted and will never be delivered. Retry sends it again instead."
        confirmLabel="Discard"
        pendingLabel="Discarding…"
        pending={discard.isPending}
        error={discard.error}
        fallbackError="Could not discard the dead letter. Try again."
        danger
        onConfirm={() => discarding && discard.mutate(discarding.id, { onSuccess: () => setDiscarding(null) })}
      />
    </section>
  );
}
