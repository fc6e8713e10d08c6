import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { drainParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { retryDeliveries } from "@/lib/server/llm-trace-drains/delivery-actions";

export const POST = userRoute(async ({ params, user, ip }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  return NextResponse.json({ result: await retryDeliveries(access, drainId, { userId: user.id, ip }) });
});
