import { NextResponse } from "next/server";
import { adminRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { organizationParams } from "@/lib/validation/ids";
import { updateOrganizationFlagsInput } from "@/lib/validation/admin";
import { updateOrganizationFlags } from "@/lib/server/admin/organizations";

export const PATCH = adminRoute(async ({ req, params, user, ip }) => {
  const { organizationId } = parseParams(params, organizationParams, "Organization");
  const input = await parseJsonBody(req, updateOrganizationFlagsInput);
  return NextResponse.json({
    organization: await updateOrganizationFlags(organizationId, input, { userId: user.id, ip }),
  });
});
