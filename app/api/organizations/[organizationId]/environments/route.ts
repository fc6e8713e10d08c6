import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { organizationParams } from "@/lib/validation/ids";
import { organizationAccess } from "@/lib/server/access";
import { listEnvironments } from "@/lib/server/environments";

export const GET = userRoute(async ({ params, user }) => {
  const { organizationId } = parseParams(params, organizationParams, "Organization");
  const access = await organizationAccess(user, { id: organizationId }, "environment:read");
  const environments = await listEnvironments(access);
  return NextResponse.json({ environments: environments.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) });
});
