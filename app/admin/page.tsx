import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/current-user";
import { listAllOrganizations } from "@/lib/server/admin/organizations";
import { formatDateTime } from "@/lib/format";
import { listAllAuditEvents } from "@/lib/server/audit";
import { OrganizationFlagToggle } from "@/components/admin/organization-flag-toggle";
import { ActivityTable } from "@/components/activity-table";
import { IngestToken } from "@/components/admin/ingest-token";
import { IngestPipeline } from "@/components/admin/ingest-pipeline";
import { ingestPipelineStatus } from "@/lib/server/admin/ingest-pipeline";
import { QueryProvider } from "@/components/query-provider";
import { config } from "@/lib/config/env";
import { errorFields, log } from "@/lib/log";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  // Pages authorize themselves too: a layout is not a guard for the page rendered inside it.
  const user = await requireUser();
  if (!user.isPlatformAdmin) notFound();
  const { q } = await searchParams;
  const search = typeof q === "string" ? q.slice(0, 100) : "";
  const [organizations, activity, pipeline] = await Promise.all([
    listAllOrganizations(search),
    listAllAuditEvents(50),
    // The panel says when the pipeline cannot be read; the rest of the page still renders.
    ingestPipelineStatus().catch((err: unknown) => {
      log.warn("admin: ingest pipeline could not be read", errorFields(err));
      return null;
    }),
  ]);
  return (
    <QueryProvider>
      <div className="page-header">
        <div>
          <h1>Admin</h1>
          <p className="muted">Platform administration. Visible to platform admins only.</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="orgs-heading">
        <div className="page-header" style={{ marginBottom: 12 }}>
          <h2 id="orgs-heading">Organizations</h2>
          <form role="search" className="row">
            <label htmlFor="org-search" className="sr-only">
              Search organizations
            </label>
            <input
              id="org-search"
              name="q"
              type="search"
              defaultValue={search}
              placeholder="Name or handle"
              className="field"
              style={{ margin: 0, padding: "6px 10px", border: "1px solid var(--border)", borderRadius: 6 }}
            />
            <button className="btn" type="submit">
              Search
            </button>
          </form>
        </div>
        {organizations.length === 0 ? (
          <p className="empty">No organizations match “{search}”.</p>
        ) : (
          <div className="table-scroll">
            <table aria-labelledby="orgs-heading">
              <thead>
                <tr>
                  <th scope="col">Organization</th>
                  <th scope="col">Handle</th>
                  <th scope="col">BAA</th>
                  <th scope="col">AI Gateway beta</th>
                  <th scope="col">Environments</th>
                  <th scope="col">Members</th>
                </tr>
              </thead>
              <tbody>
                {organizations.map((o) => (
                  <tr key={o.id}>
                    <td>{o.name}</td>
                    <td>
                      <code>{o.handle}</code>
                    </td>
                    <td>
                      <div className="row">
                        <OrganizationFlagToggle
                          organizationId={o.id}
                          organizationName={o.name}
                          flag="baaSigned"
                          value={o.baaSignedAt !== null}
                        />
                        {o.baaSignedAt ? (
                          <span>
                            <span className="badge badge-ok">Signed</span>{" "}
                            <span className="muted">
                              {formatDateTime(o.baaSignedAt)}
                              {o.baaSignedBy ? ` by ${o.baaSignedBy}` : ""}
                            </span>
                          </span>
                        ) : (
                          <span className="badge">Not signed</span>
                        )}
                      </div>
                    </td>
                    <td>
                      <div className="row">
                        <OrganizationFlagToggle
                          organizationId={o.id}
                          organizationName={o.name}
                          flag="aiGatewayBetaEnrolled"
                          value={o.aiGatewayBetaEnrolledAt !== null}
                        />
                        {o.aiGatewayBetaEnrolledAt ? (
                          <span className="badge badge-ok">Enrolled</span>
                        ) : (
                          <span className="badge">Not enrolled</span>
                        )}
                      </div>
                    </td>
                    <td>{o.environmentCount}</td>
                    <td>{o.memberCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="ingest-heading">
        <h2 id="ingest-heading">AI Gateway ingest</h2>
        <p className="muted">
          Point the gateway&apos;s generic HTTP logging callback at <code>POST /api/internal/ai-gateway/logs</code> with{" "}
          <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        {config().gatewayIngestTokenGenerated ? (
          <IngestToken />
        ) : (
          <p>The token is set by the GATEWAY_INGEST_TOKEN environment variable and is not shown here.</p>
        )}
      </section>
      <IngestPipeline pipeline={pipeline} />
      <section className="panel" aria-labelledby="admin-activity-heading">
        <h2 id="admin-activity-heading">Recent activity, all organizations</h2>
        <ActivityTable events={activity} label="Recent activity" showOrganization />
      </section>
    </QueryProvider>
  );
}
