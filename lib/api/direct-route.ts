import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import type { Handler } from "./route";
import { API_ANSWER_HEADERS } from "../http/security-headers";

// Serves an App Router route handler straight from node:http, for the one endpoint whose
// volume is the gateway's: Next's router, rendering pipeline and response plumbing cost ~2 ms
// of main-thread CPU per request on the 2-core benchmark machine (533 requests/s for a bare
// 401), ten times a plain handler, which caps a gateway that posts records one per request.
// The handler is the same function Next would call (same wrapper, errors and body), and the
// response carries the headers next.config.ts gives every API answer.

export async function serveDirect(handler: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  // The request's signal aborts when the client leaves before the answer, as under Next.
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort();
  });
  // Only the path matters to these handlers; the Host header is the client's to choose.
  const request = new NextRequest(new URL(req.url ?? "/", "http://localhost"), {
    method: req.method,
    headers,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: "half",
    signal: gone.signal,
  });
  const response = await handler(request, { params: Promise.resolve({}) });
  const body = Buffer.from(await response.arrayBuffer());
  for (const { key, value } of API_ANSWER_HEADERS) res.setHeader(key, value);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("content-length", body.length);
  res.writeHead(response.status);
  res.end(body);
}
