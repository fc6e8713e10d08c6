import { expect, test, type Page } from "@playwright/test";
import { ACME_OWNER, ADMIN, signIn } from "./helpers";
import { expectNoAxeViolations, expectNoHorizontalOverflow } from "./support/a11y";
import { E2E_FAKE_LANGFUSE_URL, FAKE_PUBLIC_KEY, FAKE_SECRET_KEY } from "./support/ports";

// Every page state a customer or an admin meets, scanned with axe-core (WCAG 2.2 AA), and
// the main pages at 375 px and 1280 px without sideways scrolling.

const ENV = "/orgs/acme-health/environments/acme-production";
const MEMBER = "bob@acme.example";

async function scan(page: Page, state: string) {
  await page.waitForLoadState("networkidle");
  await expectNoAxeViolations(page, state);
}

test("sign-in, with and without errors", async ({ page }) => {
  await page.goto("/sign-in");
  await scan(page, "sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email")).toBeVisible();
  await scan(page, "sign-in with field errors");
});

test("the owner's pages, forms, errors and dialogs", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACME_OWNER);
  await page.goto("/");
  await scan(page, "home");
  await page.goto("/orgs/acme-health");
  await scan(page, "organization");
  await page.goto(ENV);
  await scan(page, "environment");
  await page.goto(`${ENV}/llm-keys`);
  await scan(page, "LLM keys");
  await page.getByRole("button", { name: "Create LLM key" }).click();
  await scan(page, "create key dialog");
  await page.keyboard.press("Escape");

  await page.goto(`${ENV}/integrations`);
  await expect(page).toHaveTitle("Integrations · acme-production · Dashboard");
  await scan(page, "integrations");
  await page.getByRole("link", { name: "New LLM Trace Drain" }).click();
  await scan(page, "new drain form");
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByText("Enter a handle")).toBeVisible();
  await scan(page, "new drain form with field errors");
  await page.getByLabel("Type").selectOption({ label: "OpenTelemetry (OTLP/HTTP)" });
  await page.getByRole("button", { name: "Add header" }).click();
  await scan(page, "new OTLP drain form");
  await page.getByLabel("Type").selectOption({ label: "Langfuse" });

  await page.getByLabel("Handle", { exact: true }).fill("a11y-drain");
  await page.getByLabel("Base URL").fill(E2E_FAKE_LANGFUSE_URL);
  await page.getByLabel("Public Key").fill(FAKE_PUBLIC_KEY);
  await page.getByLabel("Secret Key", { exact: true }).fill(FAKE_SECRET_KEY);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Connected to Langfuse project")).toBeVisible();
  await scan(page, "new drain form after Test connection");
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByRole("heading", { name: "a11y-drain" })).toBeVisible();
  await scan(page, "drain page");
  await page.getByRole("button", { name: "Edit" }).click();
  await scan(page, "drain edit form");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Change controls" }).click();
  await page.getByRole("button", { name: "Add custom pattern" }).click();
  await scan(page, "drain controls form");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await scan(page, "delete dialog");
  await page.keyboard.press("Escape");

  await page.goto("/orgs/acme-health/activity");
  await scan(page, "activity");
  await page.goto("/no-such-page");
  await scan(page, "not found");
});

test("a member's and an admin's pages", async ({ page }) => {
  await signIn(page, MEMBER);
  await page.goto(`${ENV}/integrations`);
  await scan(page, "integrations as a member");
  await page.goto(`${ENV}/llm-keys`);
  await scan(page, "LLM keys as a member");
  await page.context().clearCookies();
  await signIn(page, ADMIN);
  await page.goto("/admin");
  await scan(page, "admin");
});

for (const width of [375, 1280]) {
  test(`no sideways scrolling at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, ACME_OWNER);
    for (const path of ["/", `${ENV}`, `${ENV}/llm-keys`, `${ENV}/integrations`, `${ENV}/integrations/new`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expectNoHorizontalOverflow(page, `${path} at ${width} px`);
    }
    await page.context().clearCookies();
    await signIn(page, ADMIN);
    await page.goto("/admin");
    await expectNoHorizontalOverflow(page, `/admin at ${width} px`);
  });
}
