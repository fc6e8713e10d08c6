import { NextResponse } from "next/server";
import { userRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { environmentParams } from "@/lib/validation/ids";
import { testConnectionInput } from "@/lib/validation/llm-trace-drains";
import { environmentAccess } from "@/lib/server/access";
import { testUnsavedConnection } from "@/lib/server/llm-trace-drains/test-connection";
import { assertAiGatewayEnabledFor } from "@/lib/server/organizations";

/** Checks keys typed into the New LLM Trace Drain form, before saving. */
export const POST = userRoute(async ({ req, params, user, ip }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  await assertAiGatewayEnabledFor(access.organizationId);
  const input = await parseJsonBody(req, testConnectionInput);
  return NextResponse.json({ result: await testUnsavedConnection(access, input, { userId: user.id, ip }) });
});
