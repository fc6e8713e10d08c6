import { NextResponse } from "next/server";
import { publicRoute, readTextCapped } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config/env";
import { bearerMatches } from "@/lib/ingest/ingest-token";
import { BodyParseError, parseIngestBody } from "@/lib/ingest/parse-body";
import { ingestRecords } from "@/lib/ingest/ingest-records";

/**
 * The AI Gateway's logging callback posts its request records here. 202 means every
 * accepted record is durably queued for each active drain of its environment.
 */
export const POST = publicRoute(async ({ req }) => {
  if (!bearerMatches(req.headers.get("authorization"), config().gatewayIngestToken)) {
    throw new AppError(
      "unauthenticated",
      "Missing or wrong ingest token (Authorization: Bearer <GATEWAY_INGEST_TOKEN>)",
    );
  }
  const text = await readTextCapped(req, config().ingestMaxBytes);
  let parsed;
  try {
    parsed = parseIngestBody(text);
  } catch (err) {
    if (err instanceof BodyParseError) throw new AppError("bad_request", err.message);
    throw err;
  }
  const result = await ingestRecords(parsed);
  return NextResponse.json({ accepted: result.accepted, skipped: result.skipped }, { status: 202 });
});
