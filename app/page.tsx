import { redirect } from "next/navigation";
import { requireUser } from "@/lib/server/current-user";
import { listOrganizationsForUser } from "@/lib/server/organizations";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function Home() {
  const user = await requireUser();
  const organizations = await listOrganizationsForUser(user);
  if (organizations[0]) redirect(`/orgs/${organizations[0].handle}/environments`);
  if (user.isPlatformAdmin) redirect("/admin");
  return (
    <main className="auth-card panel">
      <h1>No organization yet</h1>
      <p className="muted">Your account is not a member of any organization. Ask an owner to invite you.</p>
      <SignOutButton />
    </main>
  );
}
