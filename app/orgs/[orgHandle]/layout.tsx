import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/server/current-user";
import { listOrganizationsForUser } from "@/lib/server/organizations";
import { TopBar } from "@/components/shell/top-bar";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgHandle: string }>;
}) {
  const { orgHandle } = await params;
  const user = await requireUser();
  const organizations = await listOrganizationsForUser(user);
  if (!organizations.some((o) => o.handle === orgHandle)) notFound();
  return (
    <>
      <TopBar user={user} organizations={organizations} currentOrg={orgHandle} />
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}
