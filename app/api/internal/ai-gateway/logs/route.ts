import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config/env";
import { bearerMatches } from "@/lib/ingest/ingest-token";
import { consumeLimit } from "@/lib/server/rate-limits";
import { IngestBodyError, IngestTooLargeError, ingestBody } from "@/lib/ingest/ingest-records";
import { decodedBody, UnsupportedEncodingError } from "@/lib/ingest/body-encoding";
import { IngestBusyError } from "@/lib/ingest/buffer-budget";

/**
 * The AI Gateway's logging callback posts its request records here (a JSON array, NDJSON
 * or one record; plain or `Content-Encoding: gzip`). 202 means every accepted record is
 * durably stored for each active drain of its environment (staged, on PostgreSQL: sealed into
 * spans right after; lib/ingest/stage-sealer.ts); records that cannot be used are listed with
 * their index and reason.
 */
export const POST = publicRoute(async ({ req, ip }) => {
  if (!bearerMatches(req.headers.get("authorization"), config().gatewayIngestToken)) {
    throw new AppError(
      "unauthenticated",
      "Missing or wrong ingest token (Authorization: Bearer <GATEWAY_INGEST_TOKEN>)",
    );
  }
  await consumeLimit("ingest", ip ?? "unknown", "Too many ingest requests from this address; retry shortly");
  const limit = config().ingestMaxBytes;
  if (Number(req.headers.get("content-length") ?? "0") > limit) {
    throw new AppError("payload_too_large", `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
  }
  try {
    const result = await ingestBody(decodedBody(req.body, req.headers.get("content-encoding")), limit, req.signal);
    return NextResponse.json({ accepted: result.accepted, ...result.skipped.answer() }, { status: 202 });
  } catch (err) {
    if (err instanceof UnsupportedEncodingError) throw new AppError("unsupported_media_type", err.message);
    if (err instanceof IngestBodyError) throw new AppError("bad_request", err.message);
    if (err instanceof IngestTooLargeError) throw new AppError("payload_too_large", err.message);
    if (err instanceof IngestBusyError)
      throw new AppError("unavailable", err.message, undefined, { "Retry-After": "5" });
    throw err;
  }
});
