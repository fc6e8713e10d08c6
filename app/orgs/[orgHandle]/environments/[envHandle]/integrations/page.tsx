import type { Metadata } from "next";
import { environmentPageAccess } from "@/lib/server/environment-page";

export const metadata: Metadata = { title: "Integrations" };

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function IntegrationsPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  await environmentPageAccess(orgHandle, envHandle);
  return (
    <section className="panel empty" aria-label="Integrations">
      <h2>No integrations yet</h2>
      <p>Integrations send this environment&apos;s data to other services. LLM Trace Drains are coming soon.</p>
    </section>
  );
}
