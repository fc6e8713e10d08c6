import type { Metadata } from "next";
import { environmentPageAccess } from "@/lib/server/environment-page";
import { can } from "@/lib/auth/permissions";
import { LlmKeysPanel } from "@/components/llm-keys/llm-keys-panel";

export const metadata: Metadata = { title: "LLM Keys" };

type Params = Promise<{ orgHandle: string; envHandle: string }>;

export default async function LlmKeysPage({ params }: { params: Params }) {
  const { orgHandle, envHandle } = await params;
  const { access } = await environmentPageAccess(orgHandle, envHandle);
  return <LlmKeysPanel environmentId={access.environmentId} canWrite={can(access.role, "llm_key:write")} />;
}
