import http from "node:http";
import net from "node:net";
import { gzipSync } from "node:zlib";
import { expect, test, type APIResponse } from "@playwright/test";
import { E2E_APP_PORT, E2E_INGEST_TOKEN } from "./support/ports";

// The production server answers the gateway's ingest itself, without Next's router
// (lib/api/direct-route.ts): its answers must be the API's, headers included.

const INGEST = "/api/internal/ai-gateway/logs";
const auth = { authorization: `Bearer ${E2E_INGEST_TOKEN}`, "content-type": "application/json" };

function expectApiHeaders(res: APIResponse) {
  const headers = res.headers();
  expect(headers["content-type"]).toContain("application/json");
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
}

test("a wrong token is refused in the API's error shape, with the API's headers", async ({ request }) => {
  const res = await request.post(INGEST, {
    headers: { ...auth, authorization: "Bearer wrong" },
    data: Buffer.from("[]"),
  });
  expect(res.status()).toBe(401);
  expectApiHeaders(res);
  expect((await res.json()).error.code).toBe("unauthenticated");
});

test("bodies that are not records are refused, plain or gzip, whatever the query string", async ({ request }) => {
  const plain = await request.post(`${INGEST}?source=litellm`, { headers: auth, data: Buffer.from("{not json") });
  expect(plain.status()).toBe(400);
  expectApiHeaders(plain);
  expect((await plain.json()).error).toMatchObject({ code: "bad_request" });

  const gzip = await request.post(INGEST, {
    headers: { ...auth, "content-encoding": "gzip" },
    data: gzipSync(Buffer.from("[]")),
  });
  expect(gzip.status()).toBe(400);
  expect((await gzip.json()).error.message).toMatch(/empty/);

  const unknownEncoding = await request.post(INGEST, {
    headers: { ...auth, "content-encoding": "br" },
    data: Buffer.from("[]"),
  });
  expect(unknownEncoding.status()).toBe(415);
});

test("a record of an unknown key is listed as skipped, and the batch is accepted", async ({ request }) => {
  const record = { id: "req-1", metadata: { user_api_key_hash: "0".repeat(64) }, startTime: 1, endTime: 2 };
  const res = await request.post(INGEST, { headers: auth, data: JSON.stringify([record]) });
  expect(res.status()).toBe(202);
  expectApiHeaders(res);
  expect(await res.json()).toEqual({
    accepted: 0,
    skipped: [{ index: 0, reason: expect.stringMatching(/unknown key/) }],
  });
});

test("a request that is not valid HTTP is answered in the API's error shape", async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(E2E_APP_PORT, "127.0.0.1", () =>
      socket.write(
        `POST ${INGEST} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n[]`,
      ),
    );
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString("utf8")));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  const [head, body] = answer.split("\r\n\r\n");
  expect(head).toMatch(/^HTTP\/1\.1 400 /);
  expect(head).toMatch(/^X-Content-Type-Options: nosniff$/m);
  expect(head).toMatch(/^Content-Security-Policy: default-src 'none'; frame-ancestors 'none'$/m);
  expect(JSON.parse(body!)).toEqual({ error: { code: "bad_request", message: "The request is not valid HTTP" } });
});

test("a gateway's kept-alive connection still takes a batch after 6 s idle (longer than Node's default 5 s)", async () => {
  test.setTimeout(30_000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = () =>
    new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: E2E_APP_PORT, path: INGEST, method: "POST", headers: auth, agent },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
        },
      );
      req.on("error", reject);
      req.end(
        JSON.stringify([{ id: "req-2", metadata: { user_api_key_hash: "0".repeat(64) }, startTime: 1, endTime: 2 }]),
      );
    });
  try {
    expect(await post()).toEqual({ status: 202, reused: false });
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await post()).toEqual({ status: 202, reused: true });
  } finally {
    agent.destroy();
  }
});
