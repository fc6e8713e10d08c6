import { NextResponse } from "next/server";
import { adminRoute } from "@/lib/api/route";
import { ingestPipelineStatus } from "@/lib/server/admin/ingest-pipeline";

export const GET = adminRoute(async () => NextResponse.json({ pipeline: await ingestPipelineStatus() }));
