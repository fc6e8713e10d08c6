import type { Metadata } from "next";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { environmentOverview } from "@/lib/server/environments";
import { roleLabel } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Environment" };

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function EnvironmentOverviewPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  const overview = await environmentOverview(access);
  return (
    <div className="stats" aria-label="Overview">
      <div className="stat">
        <div className="label">Organization</div>
        <div className="value">{access.name}</div>
      </div>
      <div className="stat">
        <div className="label">Your role</div>
        <div className="value">{roleLabel[access.role]}</div>
      </div>
      <div className="stat">
        <div className="label">Active LLM keys</div>
        <div className="value">{overview.activeKeys}</div>
      </div>
      <div className="stat">
        <div className="label">AI Gateway beta</div>
        <div className="value">{overview.aiGatewayAvailable ? "Enabled" : "Not enabled"}</div>
      </div>
    </div>
  );
}
