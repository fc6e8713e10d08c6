import { expect, test } from "@playwright/test";
import { ACME_OWNER, signIn } from "./helpers";

test("a wrong password shows an error and creates no session", async ({ page, context }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("gina@globex.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await context.cookies()).filter((c) => c.name === "tdash_session")).toHaveLength(0);
  // Submitting again with the password cleared: the last attempt's error gives way to this one's.
  await page.getByLabel("Password").fill("");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your password")).toBeVisible();
  await expect(page.getByText("Incorrect email or password")).toHaveCount(0);
});

test("empty fields show errors next to them", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

test("an expired session returns to sign-in, then back where the user was", async ({ page, context }) => {
  await signIn(page, ACME_OWNER);
  const cookie = (await context.cookies()).find((c) => c.name === "tdash_session")!;
  await context.addCookies([{ ...cookie, value: "expired-or-revoked-session-token-value" }]);
  await page.goto("/orgs/acme-health/environments/acme-staging/llm-keys");
  await expect(page).toHaveURL(/\/sign-in\?expired=1/);
  await expect(page.getByText("Your session has ended")).toBeVisible();
  await page.getByLabel("Email").fill(ACME_OWNER);
  await page.getByLabel("Password").fill("trace-drain-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs\/acme-health\/environments\/acme-staging\/llm-keys$/);
  await expect(page.getByRole("heading", { name: "LLM Keys" })).toBeVisible();
});

test("unknown pages and another organization's pages are 404", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  expect((await page.goto("/orgs/globex/environments"))?.status()).toBe(404);
  expect((await page.goto("/orgs/acme-health/environments/nope"))?.status()).toBe(404);
});

test("pages load without a console error or a failed request, the icon included", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto("/sign-in");
  await signIn(page, ACME_OWNER);
  await page.goto("/orgs/acme-health/environments/acme-production/integrations");
  await expect(page.getByRole("heading", { name: "acme-production" })).toBeVisible();
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/");
  expect(problems).toEqual([]);
});
