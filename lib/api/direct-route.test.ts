import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import net from "node:net";
import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Handler } from "./route";
import { serveDirect } from "./direct-route";

// The ingest route's body as serveDirect streams it: every byte in order across the socket's
// many reads, and a client that leaves halfway fails the read instead of ending it early.

let server: http.Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(handler: Handler): Promise<number> {
  server = http.createServer((req, res) => void serveDirect(handler, req, res));
  await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
  return (server.address() as AddressInfo).port;
}

/** Reads the body chunk by chunk, as ingest does, and answers its size and digest. */
const digestHandler: Handler = async (req) => {
  const reader = req.body!.getReader();
  const hash = createHash("sha256");
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
    bytes += value.byteLength;
    chunks++;
  }
  return Response.json({ bytes, chunks, sha256: hash.digest("hex") });
};

describe("serveDirect", () => {
  it("streams a large body to the handler byte for byte, in many chunks", async () => {
    const port = await serve(digestHandler);
    const body = randomBytes(3 * 1024 * 1024 + 17);
    const res = await fetch(`http://127.0.0.1:${port}/ingest`, { method: "POST", body });
    const answer = (await res.json()) as { bytes: number; chunks: number; sha256: string };
    expect(answer.bytes).toBe(body.length);
    expect(answer.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(answer.chunks).toBeGreaterThan(1);
  });

  it("fails the handler's read when the client leaves before the end of the body", async () => {
    let failure: unknown;
    const read = new Promise<void>((settled) => {
      void serve(async (req) => {
        try {
          await digestHandler(req, { params: Promise.resolve({}) });
        } catch (err) {
          failure = err;
        }
        settled();
        return new Response(null, { status: 204 });
      }).then((port) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.write("POST /ingest HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
          socket.write(randomBytes(300_000), () => setTimeout(() => socket.destroy(), 50));
        });
      });
    });
    await read;
    expect(failure).toBeInstanceOf(Error);
  });
});
