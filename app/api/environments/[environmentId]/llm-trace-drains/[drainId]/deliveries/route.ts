import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { drainParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { drainDeliveries } from "@/lib/server/llm-trace-drains/deliveries";

/** The drain's last export attempts and its dead letters (identified, never their content). */
export const GET = userRoute(async ({ params, user }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:read");
  return NextResponse.json({ deliveries: await drainDeliveries(access, drainId) });
});
