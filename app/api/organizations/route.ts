import { NextResponse } from "next/server";
import { userRoute } from "@/lib/api/route";
import { listOrganizationsForUser } from "@/lib/server/organizations";

export const GET = userRoute(async ({ user }) => {
  return NextResponse.json({ organizations: await listOrganizationsForUser(user) });
});
