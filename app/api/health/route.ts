import { NextResponse } from "next/server";
import { database } from "@/lib/db/database";
import { log, errorFields } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await database().driver.query("SELECT 1");
    return NextResponse.json({ status: "ok", database: "ok" });
  } catch (err) {
    log.warn("health check: database unreachable", errorFields(err));
    return NextResponse.json({ status: "degraded", database: "unreachable" }, { status: 503 });
  }
}
