import { NextResponse } from "next/server";
import { userRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { drainParams } from "@/lib/validation/ids";
import { updateDrainInput } from "@/lib/validation/llm-trace-drains";
import { environmentAccess } from "@/lib/server/access";
import { getDrain } from "@/lib/server/llm-trace-drains/queries";
import { deleteDrain, updateDrain } from "@/lib/server/llm-trace-drains/mutations";

export const GET = userRoute(async ({ params, user }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:read");
  return NextResponse.json({ drain: await getDrain(access, drainId) });
});

export const PATCH = userRoute(async ({ req, params, user, ip }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  const input = await parseJsonBody(req, updateDrainInput);
  return NextResponse.json({ drain: await updateDrain(access, drainId, input, { userId: user.id, ip }) });
});

export const DELETE = userRoute(async ({ params, user, ip }) => {
  const { environmentId, drainId } = parseParams(params, drainParams, "LLM Trace Drain");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  await deleteDrain(access, drainId, { userId: user.id, ip });
  return new NextResponse(null, { status: 204 });
});
