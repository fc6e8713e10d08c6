import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { drainParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { testSavedConnection } from "@/lib/server/llm-trace-drains/test-connection";

/** Checks the saved drain's keys against Langfuse; the answer says why when it fails. */
export const POST = userRoute(async ({ params, user, ip }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  return NextResponse.json({ result: await testSavedConnection(access, drainId, { userId: user.id, ip }) });
});
