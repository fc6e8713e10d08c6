import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { llmKeyParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { revokeLlmKey } from "@/lib/server/llm-keys";

/** Revokes the key. Keys are kept (revoked) so past gateway logs still attribute. */
export const DELETE = userRoute(async ({ params, user, ip }) => {
  const { environmentId, keyId } = parseParams(params, llmKeyParams, "LLM key");
  const access = await environmentAccess(user, { id: environmentId }, "llm_key:write");
  return NextResponse.json({ key: await revokeLlmKey(access, keyId, { userId: user.id, ip }) });
});
