import { NextResponse } from "next/server";
import { userRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { environmentParams } from "@/lib/validation/ids";
import { createDrainInput } from "@/lib/validation/llm-trace-drains";
import { environmentAccess } from "@/lib/server/access";
import { listDrains } from "@/lib/server/llm-trace-drains/queries";
import { createDrain } from "@/lib/server/llm-trace-drains/mutations";

export const GET = userRoute(async ({ params, user }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "drain:read");
  return NextResponse.json({ drains: await listDrains(access) });
});

export const POST = userRoute(async ({ req, params, user, ip }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  const input = await parseJsonBody(req, createDrainInput);
  const drain = await createDrain(access, input, { userId: user.id, ip });
  return NextResponse.json({ drain }, { status: 201 });
});
