import { NextResponse } from "next/server";
import { adminRoute } from "@/lib/api/route";
import { retryUnsealable } from "@/lib/server/admin/ingest-pipeline";

export const POST = adminRoute(async ({ user, ip }) =>
  NextResponse.json({ retried: await retryUnsealable({ userId: user.id, ip }) }),
);
