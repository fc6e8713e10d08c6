import { NextResponse } from "next/server";
import { adminRoute } from "@/lib/api/route";
import { listAllOrganizations } from "@/lib/server/admin/organizations";

export const GET = adminRoute(async ({ req }) => {
  const search = req.nextUrl.searchParams.get("q")?.slice(0, 100) ?? undefined;
  return NextResponse.json({ organizations: await listAllOrganizations(search) });
});
