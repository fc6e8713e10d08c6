import type { Metadata } from "next";
import Link from "next/link";
import { uuid } from "@/lib/validation/ids";
import { notFound } from "next/navigation";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { drainAuditHistory, getDrain } from "@/lib/server/llm-trace-drains/queries";
import { drainHealth } from "@/lib/server/llm-trace-drains/health";
import { DrainHealthPanel } from "@/components/llm-trace-drains/drain-health-panel";
import { pageAccess } from "@/lib/server/page-access";
import { can } from "@/lib/auth/permissions";
import { DrainDetail } from "@/components/llm-trace-drains/drain-detail";
import { ActivityTable } from "@/components/activity-table";
import { FirstTraceGuide } from "@/components/llm-trace-drains/first-trace-guide";
import { LazyRecentDeliveries } from "@/components/llm-trace-drains/lazy-recent-deliveries";
import { DrainControlsPanel } from "@/components/llm-trace-drains/drain-controls-panel";
import { controlsSummary } from "@/components/llm-trace-drains/controls-summary";
import { requestOrigin } from "@/lib/server/request-origin";
import { QueryProvider } from "@/components/query-provider";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ orgHandle: string; envHandle: string }>;
}): Promise<Metadata> {
  const { envHandle } = await params;
  return { title: `LLM Trace Drain · ${envHandle}` };
}

type Params = Promise<{ orgHandle: string; envHandle: string; drainId: string }>;
type Search = Promise<{ created?: string }>;

export default async function DrainPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { orgHandle, envHandle, drainId } = await params;
  const { created } = await searchParams;
  if (!uuid.safeParse(drainId).success) notFound();
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  const [drain, history] = await Promise.all([
    pageAccess(getDrain(access, drainId)),
    drainAuditHistory(access, drainId),
  ]);
  const health = await drainHealth(access, drainId);
  const drainsPath = `/orgs/${orgHandle}/environments/${envHandle}/integrations`;
  return (
    <QueryProvider>
      <div className="breadcrumbs">
        <Link href={drainsPath}>Integrations</Link> / {drain.handle}
      </div>
      <h2>{drain.handle}</h2>
      <DrainDetail
        environmentId={access.environmentId}
        drain={drain}
        drainsPath={drainsPath}
        canWrite={can(access.role, "drain:write")}
      />
      {can(access.role, "drain:write") && drain.status === "active" ? (
        <FirstTraceGuide
          environmentId={access.environmentId}
          drainId={drain.id}
          handle={drain.handle}
          initialHealth={health}
          ingestUrl={`${await requestOrigin()}/api/internal/ai-gateway/logs`}
          justCreated={created === "1"}
        />
      ) : null}
      <DrainHealthPanel
        environmentId={access.environmentId}
        drainId={drain.id}
        type={drain.type}
        initialHealth={health}
        canWrite={can(access.role, "drain:write")}
      />
      <DrainControlsPanel
        environmentId={access.environmentId}
        drain={drain}
        summary={controlsSummary(drain.controls)}
        initialHealth={health}
        canWrite={can(access.role, "drain:write")}
      />
      <LazyRecentDeliveries
        environmentId={access.environmentId}
        drainId={drain.id}
        canWrite={can(access.role, "drain:write")}
      />
      <section className="panel" aria-labelledby="drain-history-heading">
        <h2 id="drain-history-heading">History</h2>
        <ActivityTable events={history} label="Drain history" showEnvironment={false} />
      </section>
    </QueryProvider>
  );
}
