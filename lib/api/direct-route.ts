import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import type { Handler } from "./route";
import { API_ANSWER_HEADERS } from "../http/security-headers";

// Serves an App Router route handler straight from node:http, for the one endpoint whose
// volume is the gateway's: Next's router, rendering pipeline and response plumbing cost ~2 ms
// of main-thread CPU per request on the 2-core benchmark machine (533 requests/s for a bare
// 401), ten times a plain handler, which caps a gateway that posts records one per request.
// The handler is the same function Next would call (same wrapper, errors and body), and the
// response carries the headers next.config.ts gives every API answer.

/**
 * The request body as a web stream of the chunks Node read, as they are. `Readable.toWeb`
 * copies every chunk into a buffer of its own: 6 MB a 512-record batch, allocated outside
 * V8's heap, which started a full collection of the server thread two or three times a second
 * at 1,000 records/s (each ~40 ms of marking). The chunks are views of the socket's reads,
 * which nothing else writes to; ingest copies what it hands to other threads.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel() {
        req.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

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
    body: bodyOf(req),
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
