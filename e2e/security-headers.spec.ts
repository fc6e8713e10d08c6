import net from "node:net";
import { expect, test, type APIResponse } from "@playwright/test";

// Every answer of the production server carries the security headers, including the ones
// Next makes before next.config.ts's headers apply, and the ones server.ts makes itself.

function expectSecurityHeaders(res: APIResponse) {
  const headers = res.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  // Served over plain HTTP here: no HSTS, which would keep a browser off http://localhost.
  expect(headers["strict-transport-security"]).toBeUndefined();
}

test("the redirect that drops a trailing slash carries the security headers", async ({ request }) => {
  const res = await request.get("/sign-in/", { maxRedirects: 0 });
  expect(res.status()).toBe(308);
  expect(res.headers()["location"]).toBe("/sign-in");
  expectSecurityHeaders(res);
});

test("a method no endpoint implements is refused in the API's error shape, with the API's headers", async ({
  request,
}) => {
  const res = await request.fetch("/api/health", { method: "TRACE" });
  expect(res.status()).toBe(405);
  expectSecurityHeaders(res);
  expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(await res.json()).toEqual({ error: { code: "method_not_allowed", message: "Method not allowed" } });
});

test("a method an API route does not take is refused in the API's error shape, with the methods it takes", async ({
  request,
}) => {
  const ingest = await request.get("/api/internal/ai-gateway/logs");
  expect(ingest.status()).toBe(405);
  expect(ingest.headers()["allow"]).toBe("POST, OPTIONS");
  expect(await ingest.json()).toEqual({ error: { code: "method_not_allowed", message: "GET is not allowed here" } });
  const health = await request.put("/api/health", { data: {} });
  expect(health.status()).toBe(405);
  expect(health.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expectSecurityHeaders(health);
});

test("a request line naming another host is refused, not redirected there", async ({ baseURL }) => {
  const { hostname, port } = new URL(baseURL!);
  const answer = await rawRequest(hostname, Number(port), "GET http://evil.example/sign-in/ HTTP/1.1");
  expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  expect(answer).not.toMatch(/location:/i);
  expect(answer).toContain('"code":"bad_request"');
});

test("a path that is not valid percent-encoding is a 400 in the API's error shape, not a bare 500", async ({
  request,
}) => {
  for (const path of ["/api/environments/%FF/llm-keys", "/orgs/%ED%A0%80/activity"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
  }
});

test("public files carry a policy under which nothing runs when opened on their own", async ({ request }) => {
  for (const file of ["/icon.svg", "/favicon.ico", "/robots.txt"]) {
    const res = await request.get(file);
    expect(res.status(), file).toBe(200);
    expect(res.headers()["content-security-policy"], file).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});

test("robots.txt keeps crawlers out of the dashboard, as text rather than the HTML 404 page", async ({ request }) => {
  const res = await request.get("/robots.txt");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  expect(await res.text()).toContain("Disallow: /");
  expectSecurityHeaders(res);
});

/** What the server answers to one request line that no HTTP client library would send. */
function rawRequest(host: string, port: number, requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () =>
      socket.write(`${requestLine}\r\nHost: ${host}:${port}\r\nConnection: close\r\n\r\n`),
    );
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}
