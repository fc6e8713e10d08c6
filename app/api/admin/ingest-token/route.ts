import { NextResponse } from "next/server";
import { adminRoute } from "@/lib/api/route";
import { config } from "@/lib/config/env";
import { log } from "@/lib/log";

// The gateway ingest token the server generated, for an admin who presses Show token: the
// admin page itself never holds it. A token set by GATEWAY_INGEST_TOKEN is not shown (null):
// whoever set it has it.
export const GET = adminRoute(async ({ user }) => {
  const { gatewayIngestToken, gatewayIngestTokenGenerated } = config();
  if (gatewayIngestTokenGenerated) log.info("gateway ingest token shown to an admin", { userId: user.id });
  return NextResponse.json(
    { token: gatewayIngestTokenGenerated ? gatewayIngestToken : null },
    { headers: { "Cache-Control": "no-store" } },
  );
});
