import { expect, test, type APIResponse } from "@playwright/test";

// Every answer of the production server carries the security headers, including the ones
// Next makes before next.config.ts's headers apply, and the ones server.ts makes itself.

function expectSecurityHeaders(res: APIResponse) {
  const headers = res.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
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

test("robots.txt keeps crawlers out of the dashboard, as text rather than the HTML 404 page", async ({ request }) => {
  const res = await request.get("/robots.txt");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  expect(await res.text()).toContain("Disallow: /");
  expectSecurityHeaders(res);
});
