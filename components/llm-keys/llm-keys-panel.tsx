"use client";

import { useLlmKeys } from "./use-llm-keys";
import { CreateLlmKeyDialog } from "./create-llm-key-dialog";
import { RevokeLlmKeyButton } from "./revoke-llm-key-button";
import { formatDateTime } from "@/lib/format";

export function LlmKeysPanel({ environmentId, canWrite }: { environmentId: string; canWrite: boolean }) {
  const keys = useLlmKeys(environmentId);
  return (
    <section className="panel" aria-labelledby="llm-keys-heading">
      <div className="page-header" style={{ marginBottom: 12 }}>
        <div>
          <h2 id="llm-keys-heading">LLM Keys</h2>
          <p className="muted">Keys for calling the AI Gateway. Requests made with them belong to this environment.</p>
        </div>
        {canWrite ? <CreateLlmKeyDialog environmentId={environmentId} /> : null}
      </div>
      {keys.isPending ? (
        <p role="status">Loading keys…</p>
      ) : keys.isError ? (
        <div className="alert alert-error" role="alert">
          Could not load keys.{" "}
          <button className="btn-link" onClick={() => keys.refetch()}>
            Retry
          </button>
        </div>
      ) : keys.data.length === 0 ? (
        <div className="empty">
          <p>No LLM keys yet.{canWrite ? " Create one to call the AI Gateway." : ""}</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Alias</th>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                {canWrite ? (
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <td>{k.alias}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{formatDateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="muted">Never</span>}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="badge badge-danger">Revoked</span>
                    ) : (
                      <span className="badge badge-ok">Active</span>
                    )}
                  </td>
                  {canWrite ? (
                    <td>{k.revokedAt ? null : <RevokeLlmKeyButton environmentId={environmentId} llmKey={k} />}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
