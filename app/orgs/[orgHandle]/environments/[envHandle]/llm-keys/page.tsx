import type { Metadata } from "next";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { can } from "@/lib/auth/permissions";
import { LlmKeysPanel } from "@/components/llm-keys/llm-keys-panel";
import { QueryProvider } from "@/components/query-provider";

/** A title per page that says where the user is (tabs and history list them). */
export async function generateMetadata({
  params,
}: {
  params: Promise<{ orgHandle: string; envHandle: string }>;
}): Promise<Metadata> {
  const { envHandle } = await params;
  return { title: `LLM Keys · ${envHandle}` };
}

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function LlmKeysPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  return (
    <QueryProvider>
      <LlmKeysPanel environmentId={access.environmentId} canWrite={can(access.role, "llm_key:write")} />
    </QueryProvider>
  );
}
