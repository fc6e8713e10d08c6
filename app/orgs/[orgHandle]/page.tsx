import { redirect } from "next/navigation";

export default async function OrgHome({ params }: { params: Promise<{ orgHandle: string }> }) {
  const { orgHandle } = await params;
  redirect(`/orgs/${orgHandle}/environments`);
}
