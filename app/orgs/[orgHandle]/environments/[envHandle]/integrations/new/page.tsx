import type { Metadata } from "next";
import Link from "next/link";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { aiGatewayStatus } from "@/lib/server/organizations";
import { can } from "@/lib/auth/permissions";
import { NewDrainForm } from "@/components/llm-trace-drains/new-drain-form";
import { countDrains } from "@/lib/server/llm-trace-drains/queries";
import { creationBlockReason } from "@/lib/server/llm-trace-drains/creation-block";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ orgHandle: string; envHandle: string }>;
}): Promise<Metadata> {
  const { envHandle } = await params;
  return { title: `New LLM Trace Drain · ${envHandle}` };
}

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function NewDrainPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  // Whoever cannot create a drain here (an organization outside the beta or without a BAA, a
  // member, a full environment) is told why, as on the Integrations page, rather than sent to
  // a 404 that reads like a broken link. Another organization's page stays a 404 (above).
  const gateway = await aiGatewayStatus(access.organizationId);
  const drainsPath = `/orgs/${orgHandle}/environments/${envHandle}/integrations`;
  const cannotCreate = creationBlockReason({
    gateway,
    canWrite: can(access.role, "drain:write"),
    drainCount: await countDrains(access),
  });
  if (cannotCreate) {
    return (
      <section className="panel" aria-labelledby="cannot-create-heading">
        <h2 id="cannot-create-heading">New LLM Trace Drain</h2>
        <p>{cannotCreate}</p>
        <Link href={drainsPath}>Back to Integrations</Link>
      </section>
    );
  }
  return (
    <>
      <div className="breadcrumbs">
        <Link href={drainsPath}>Integrations</Link> / New LLM Trace Drain
      </div>
      <h2>New LLM Trace Drain</h2>
      <NewDrainForm environmentId={access.environmentId} drainsPath={drainsPath} />
    </>
  );
}
