import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/current-user";
import { listAllOrganizations } from "@/lib/server/admin/organizations";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  // Pages authorize themselves too: a layout is not a guard for the page rendered inside it.
  const user = await requireUser();
  if (!user.isPlatformAdmin) notFound();
  const { q } = await searchParams;
  const search = typeof q === "string" ? q.slice(0, 100) : "";
  const organizations = await listAllOrganizations(search);
  return (
    <>
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
            <input id="org-search" name="q" type="search" defaultValue={search} placeholder="Name or handle" className="field" style={{ margin: 0, padding: "6px 10px", border: "1px solid var(--border)", borderRadius: 6 }} />
            <button className="btn" type="submit">
              Search
            </button>
          </form>
        </div>
        {organizations.length === 0 ? (
          <p className="empty">No organizations match “{search}”.</p>
        ) : (
          <table>
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
                  </td>
                  <td>{o.aiGatewayBetaEnrolledAt ? <span className="badge badge-ok">Enrolled</span> : <span className="badge">Not enrolled</span>}</td>
                  <td>{o.environmentCount}</td>
                  <td>{o.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
