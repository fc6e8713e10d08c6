import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/current-user";
import { listOrganizationsForUser } from "@/lib/server/organizations";
import { TopBar } from "@/components/shell/top-bar";

/** Platform admins only; for anyone else the area does not exist (404). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (!user.isPlatformAdmin) notFound();
  const organizations = await listOrganizationsForUser(user);
  return (
    <>
      <TopBar user={user} organizations={organizations} currentOrg={null} />
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
