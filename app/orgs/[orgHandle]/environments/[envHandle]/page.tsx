import { Stat } from "@/components/ui/stat";
import type { Metadata } from "next";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { environmentOverview } from "@/lib/server/environments";
import { roleLabel } from "@/lib/auth/permissions";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ orgHandle: string; envHandle: string }>;
}): Promise<Metadata> {
  const { envHandle } = await params;
  return { title: `${envHandle} · Environment` };
}

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function EnvironmentOverviewPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  const overview = await environmentOverview(access);
  return (
    <div className="stats" role="group" aria-label="Overview">
      <Stat label="Organization">{access.name}</Stat>
      <Stat label="Your role">{roleLabel[access.role]}</Stat>
      <Stat label="Active LLM keys">{overview.activeKeys}</Stat>
      <Stat label="AI Gateway beta">{overview.aiGatewayAvailable ? "Enabled" : "Not enabled"}</Stat>
    </div>
  );
}
