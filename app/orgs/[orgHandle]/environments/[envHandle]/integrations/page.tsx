import type { Metadata } from "next";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { listDrains } from "@/lib/server/llm-trace-drains/queries";
import { drainsHealth } from "@/lib/server/llm-trace-drains/health";
import { aiGatewayStatus } from "@/lib/server/organizations";
import { can } from "@/lib/auth/permissions";
import { DrainsList } from "@/components/llm-trace-drains/drains-list";
import { QueryProvider } from "@/components/query-provider";
import { creationBlockReason } from "@/lib/server/llm-trace-drains/creation-block";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ orgHandle: string; envHandle: string }>;
}): Promise<Metadata> {
  const { envHandle } = await params;
  return { title: `Integrations · ${envHandle}` };
}

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function IntegrationsPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  const [drains, gateway] = await Promise.all([listDrains(access), aiGatewayStatus(access.organizationId)]);
  const health = Object.fromEntries(await drainsHealth(drains.map((d) => d.id)));
  const cannotCreateReason = creationBlockReason({
    gateway,
    canWrite: can(access.role, "drain:write"),
    drainCount: drains.length,
  });
  return (
    <QueryProvider>
      <DrainsList
        environmentId={access.environmentId}
        drainsPath={`/orgs/${orgHandle}/environments/${envHandle}/integrations`}
        initial={{ drains, health }}
        canCreate={cannotCreateReason === null}
        cannotCreateReason={cannotCreateReason}
      />
    </QueryProvider>
  );
}
