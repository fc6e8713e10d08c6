import type { ReactNode } from "react";
import Link from "next/link";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { NavLink } from "@/components/shell/nav-link";

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function EnvironmentLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  const base = `/orgs/${orgHandle}/environments/${envHandle}`;
  return (
    <>
      <div className="page-header">
        <div>
          <div className="breadcrumbs">
            <Link href={`/orgs/${orgHandle}/environments`}>Environments</Link> / {access.environmentHandle}
          </div>
          <h1>{access.environmentHandle}</h1>
        </div>
      </div>
      <nav className="tabs" aria-label="Environment">
        <NavLink href={base} exact>
          Overview
        </NavLink>
        <NavLink href={`${base}/llm-keys`}>LLM Keys</NavLink>
        <NavLink href={`${base}/integrations`}>Integrations</NavLink>
      </nav>
      {children}
    </>
  );
}
