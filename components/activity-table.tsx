import { auditActionLabel } from "@/lib/audit-labels";
import { formatDateTime } from "@/lib/format";

export type ActivityRow = {
  id: string;
  action: string;
  createdAt: Date;
  changedFields: string[];
  ipAddress: string | null;
  actor: { name: string } | null;
  organization?: { name: string } | null;
  environment?: { handle: string } | null;
  target?: string | null;
};

/** An audit trail as a table: who did what, when, from where. Changed field names only. */
export function ActivityTable({
  events,
  label,
  showOrganization = false,
  showEnvironment = true,
}: {
  events: ActivityRow[];
  label: string;
  showOrganization?: boolean;
  showEnvironment?: boolean;
}) {
  if (events.length === 0) return <p className="muted">No activity yet.</p>;
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            {showOrganization ? <th scope="col">Organization</th> : null}
            {showEnvironment ? <th scope="col">Environment</th> : null}
            <th scope="col">Action</th>
            <th scope="col">Changed</th>
            <th scope="col">IP</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.createdAt)}</td>
              <td>{e.actor?.name ?? "System"}</td>
              {showOrganization ? <td>{e.organization?.name ?? "—"}</td> : null}
              {showEnvironment ? <td>{e.environment?.handle ?? "—"}</td> : null}
              <td>
                {auditActionLabel(e.action)}
                {e.target ? <span className="muted"> · {e.target}</span> : null}
              </td>
              <td className="muted">{e.changedFields.join(", ") || "—"}</td>
              <td className="muted mono">{e.ipAddress ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
