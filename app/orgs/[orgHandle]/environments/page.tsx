import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/server/current-user";
import { organizationAccess } from "@/lib/server/access";
import { listEnvironments } from "@/lib/server/environments";
import { pageAccess } from "@/lib/server/page-access";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({ params }: { params: Promise<{ orgHandle: string }> }): Promise<Metadata> {
  const { orgHandle } = await params;
  return { title: `Environments · ${orgHandle}` };
}

export default async function EnvironmentsPage({ params }: { params: Promise<{ orgHandle: string }> }) {
  const { orgHandle } = await params;
  const user = await requireUser();
  const access = await pageAccess(organizationAccess(user, { handle: orgHandle }, "environment:read"));
  const environments = await listEnvironments(access);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Environments</h1>
          <p className="muted">{access.name}</p>
        </div>
      </div>
      <section className="panel" aria-label="Environments">
        {environments.length === 0 ? (
          <div className="empty">
            <h2>No environments yet</h2>
            <p>Environments group your apps, databases and LLM keys.</p>
          </div>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Handle</th>
                  <th scope="col">Active LLM keys</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {environments.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link href={`/orgs/${orgHandle}/environments/${e.handle}`}>{e.handle}</Link>
                    </td>
                    <td>{e.activeKeyCount}</td>
                    <td>
                      <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().slice(0, 10)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
