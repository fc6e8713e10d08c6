import type { Metadata } from "next";
import { requireUser } from "@/lib/server/current-user";
import { organizationAccess } from "@/lib/server/access";
import { pageAccess } from "@/lib/server/page-access";
import { listAuditEvents } from "@/lib/server/audit";
import { ActivityTable } from "@/components/activity-table";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({ params }: { params: Promise<{ orgHandle: string }> }): Promise<Metadata> {
  const { orgHandle } = await params;
  return { title: `Activity · ${orgHandle}` };
}

export default async function ActivityPage({ params }: { params: Promise<{ orgHandle: string }> }) {
  const { orgHandle } = await params;
  const user = await requireUser();
  const access = await pageAccess(organizationAccess(user, { handle: orgHandle }, "audit:read"));
  const events = await listAuditEvents(access.organizationId);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Activity</h1>
          <p className="muted">Changes to {access.name}&apos;s LLM keys, drains and access, newest first.</p>
        </div>
      </div>
      <section className="panel">
        <ActivityTable events={events} label="Activity" />
      </section>
    </>
  );
}
