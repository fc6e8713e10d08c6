import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { drainParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { drainHealth } from "@/lib/server/llm-trace-drains/health";

export const GET = userRoute(async ({ params, user }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:read");
  return NextResponse.json({ health: await drainHealth(access, drainId) });
});
