import Link from "next/link";
import type { SessionUser } from "@/lib/server/sessions";
import type { OrganizationSummary } from "@/lib/server/organizations";
import { NavLink } from "./nav-link";
import { OrgSwitcher } from "./org-switcher";
import { SignOutButton } from "./sign-out-button";

type Props = { user: SessionUser; organizations: OrganizationSummary[]; currentOrg: string | null };

export function TopBar({ user, organizations, currentOrg }: Props) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          Dashboard
        </Link>
        <OrgSwitcher organizations={organizations} current={currentOrg} />
        <nav aria-label="Main">
          {currentOrg ? <NavLink href={`/orgs/${currentOrg}/environments`}>Environments</NavLink> : null}
          {currentOrg ? <NavLink href={`/orgs/${currentOrg}/activity`}>Activity</NavLink> : null}
          {user.isPlatformAdmin ? <NavLink href="/admin">Admin</NavLink> : null}
        </nav>
        <div className="user">
          <span title={user.email}>{user.name}</span>
          <SignOutButton />
        </div>
      </header>
    </>
  );
}
