import type { IncomingMessage, ServerResponse } from "node:http";
import https from "node:https";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSelfSignedCert } from "../support/tls";
import { guardedHttpsRequest } from "@/lib/outbound/https-request";
import { classifyResponse } from "@/lib/delivery/otlp-export";

// What a customer-configured destination can answer must not hold a delivery (or Test
// connection) past its deadline, nor spin: each case here once hung or spun for good.

type Answer = (req: IncomingMessage, res: ServerResponse) => void;
const answers: Record<string, Answer> = {
  "/switch": (_req, res) => {
    res.socket?.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n");
  },
  "/endless": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const more = () => {
      while (res.write(chunk));
    };
    res.on("drain", more);
    more();
  },
  "/cut": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write("{");
    setTimeout(() => res.socket?.destroy(), 50);
  },
  "/varint": (_req, res) => {
    res.writeHead(200, { "content-type": "application/x-protobuf" });
    res.end(Buffer.from([0x80]));
  },
};

let server: https.Server;
let base: string;

beforeAll(async () => {
  const tls = ensureSelfSignedCert(process.env.TEST_TLS_DIR ?? path.join(process.cwd(), ".test-tls"));
  server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    req.resume();
    answers[req.url ?? ""]?.(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string) =>
  guardedHttpsRequest(new URL(path, base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    timeoutMs: 10_000,
  });

describe("a hostile destination", () => {
  it("answering 101 Switching Protocols fails the request at once instead of leaving it unsettled", async () => {
    const started = Date.now();
    await expect(post("/switch")).rejects.toThrow(/switched protocols/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("sending an endless body is read up to 1 MB, then left, well before the deadline", async () => {
    const started = Date.now();
    const answer = await post("/endless");
    expect(answer.status).toBe(200);
    expect(answer.bytes.length).toBe(1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closing the connection in the middle of its answer fails the request", async () => {
    await expect(post("/cut")).rejects.toThrow();
  });

  it("answering 2xx with a truncated protobuf body is a delivery, read without spinning", async () => {
    const answer = await post("/varint");
    expect(classifyResponse(answer.status, answer.bytes, answer.headers)).toEqual({ kind: "delivered", status: 200 });
  });
});
