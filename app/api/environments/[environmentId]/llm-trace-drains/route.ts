import { NextResponse } from "next/server";
import { userRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { environmentParams } from "@/lib/validation/ids";
import { createDrainInput } from "@/lib/validation/llm-trace-drains";
import { environmentAccess } from "@/lib/server/access";
import { listDrains } from "@/lib/server/llm-trace-drains/queries";
import { drainsHealth } from "@/lib/server/llm-trace-drains/health";
import { createDrain } from "@/lib/server/llm-trace-drains/mutations";

export const GET = userRoute(async ({ params, user }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "drain:read");
  const drains = await listDrains(access);
  const health = await drainsHealth(drains.map((d) => d.id));
  return NextResponse.json({ drains, health: Object.fromEntries(health) });
});

export const POST = userRoute(async ({ req, params, user, ip }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  const input = await parseJsonBody(req, createDrainInput);
  const drain = await createDrain(access, input, { userId: user.id, ip });
  return NextResponse.json({ drain }, { status: 201 });
});
