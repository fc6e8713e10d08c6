import { expect, test, type Page } from "@playwright/test";
import { ACME_OWNER, signIn } from "./helpers";
import { E2E_FAKE_LANGFUSE_URL, FAKE_PUBLIC_KEY, FAKE_SECRET_KEY } from "./support/ports";

const INTEGRATIONS = "/orgs/acme-health/environments/acme-production/integrations";

async function openNewDrainForm(page: Page) {
  await page.goto("/orgs/acme-health/environments");
  await page.getByRole("link", { name: "acme-production" }).click();
  await page.getByRole("link", { name: "Integrations" }).click();
  await page.getByRole("link", { name: "New LLM Trace Drain" }).click();
  await expect(page.getByRole("form", { name: "New LLM Trace Drain" })).toBeVisible();
}

async function fillDrainForm(
  page: Page,
  values: { handle: string; baseUrl?: string; publicKey?: string; secretKey?: string },
) {
  await page.getByLabel("Type").selectOption({ label: "Langfuse" });
  await page.getByLabel("Handle").fill(values.handle);
  await page.getByLabel("Base URL").fill(values.baseUrl ?? E2E_FAKE_LANGFUSE_URL);
  await page.getByLabel("Public Key").fill(values.publicKey ?? FAKE_PUBLIC_KEY);
  await page.getByLabel("Secret Key").fill(values.secretKey ?? FAKE_SECRET_KEY);
}

test("(a) the Acme owner creates a drain following the documented steps and sees it listed", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-prod" });
  await expect(page.getByRole("note")).toContainText("may contain protected health information");
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();

  await expect(page.getByRole("heading", { name: "langfuse-prod" })).toBeVisible();
  await expect(page.getByText(`sk-lf-…${FAKE_SECRET_KEY.slice(-4)}`)).toBeVisible();
  expect(await page.content()).not.toContain(FAKE_SECRET_KEY);

  await page.getByRole("link", { name: "Integrations" }).first().click();
  const row = page.getByRole("row").filter({ hasText: "langfuse-prod" });
  // Sooner than the list's 10 s poll: the list cached when the form was opened was invalidated.
  await expect(row.getByText(E2E_FAKE_LANGFUSE_URL)).toBeVisible({ timeout: 5_000 });
  await expect(row.getByText(FAKE_PUBLIC_KEY)).toBeVisible();
  // Nothing has been delivered yet: the status says so instead of "Healthy".
  await expect(row.getByText("Waiting for first trace")).toBeVisible();
});

test("(g) Save tests the connection first: rejected keys are not saved unless the owner saves anyway", async ({
  page,
}) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-wrong-keys", secretKey: "sk-lf-not-the-right-secret" });
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not saved: the connection test failed" });
  await expect(refused).toContainText("Langfuse rejected the keys");
  await expect(page).toHaveURL(/\/integrations\/new$/);
  // The reason is also next to the field it concerns.
  await expect(page.getByLabel("Secret Key", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await refused.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByRole("heading", { name: "langfuse-wrong-keys" })).toBeVisible();
});

test("(g3) a failed test's message at a field goes when another destination type is chosen", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-type-switch", secretKey: "sk-lf-not-the-right-secret" });
  await page.getByRole("button", { name: "Test connection" }).click();
  const secretKey = page.getByLabel("Secret Key", { exact: true });
  await expect(secretKey).toHaveAttribute("aria-invalid", "true");
  const type = page.getByLabel("Type");
  await type.selectOption({ label: "OpenTelemetry (OTLP/HTTP)" });
  await type.selectOption({ label: "Langfuse" });
  await expect(secretKey).not.toHaveAttribute("aria-invalid", "true");
  await expect(secretKey).toHaveValue("sk-lf-not-the-right-secret");
});

test("(g4) once a value changes, the failed test, its Save anyway and its message at a field go", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-stale-result", secretKey: "sk-lf-not-the-right-secret" });
  await page.getByLabel(/I understand that full prompts and completions/).check();
  const save = page.getByRole("button", { name: "Save LLM Trace Drain" });
  await save.click();
  const refused = page.getByRole("alert").filter({ hasText: "Not saved: the connection test failed" });
  const failed = page.getByRole("alert").filter({ hasText: "Connection failed" });
  const stale = page.getByRole("alert").filter({ hasText: /Not saved|Connection failed/ });
  const secretKey = page.getByLabel("Secret Key", { exact: true });
  await expect(refused.getByRole("button", { name: "Save anyway" })).toBeVisible();
  await expect(failed).toContainText("Langfuse rejected the keys");
  await expect(secretKey).toHaveAttribute("aria-invalid", "true");

  // Moving through the form changes no value: the offer stays.
  await page.getByLabel("Type").focus();
  await page.getByLabel("Handle").focus();
  await expect(refused.getByRole("button", { name: "Save anyway" })).toBeVisible();

  // Another handle: Save anyway would save values the test did not refuse.
  await page.getByLabel("Handle").fill("langfuse-stale-result-2");
  await expect(stale).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save anyway" })).toHaveCount(0);

  // A Base URL that fails the form's own check: no result of the old one stays beside its error.
  await save.click();
  await expect(refused.getByRole("button", { name: "Save anyway" })).toBeVisible();
  const baseUrl = page.getByLabel("Base URL");
  await baseUrl.fill("");
  await expect(page.getByText("Enter the Langfuse Base URL")).toBeVisible();
  await expect(stale).toHaveCount(0);
  await expect(secretKey).not.toHaveAttribute("aria-invalid", "true");
  await baseUrl.fill("http://cloud.langfuse.com");
  await expect(page.getByText("The Base URL must use https://")).toBeVisible();
  await expect(stale).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save anyway" })).toHaveCount(0);

  // Test connection alone: its failure goes with the next change too.
  await baseUrl.fill(E2E_FAKE_LANGFUSE_URL);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(failed).toContainText("Langfuse rejected the keys");
  await secretKey.fill(FAKE_SECRET_KEY);
  await expect(failed).toHaveCount(0);
  await expect(secretKey).not.toHaveAttribute("aria-invalid", "true");
});

test("(g5) a private address is refused without Save anyway, since saving it would be refused too", async ({
  page,
}) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-private", baseUrl: "https://10.0.0.5" });
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not saved: the connection test failed" });
  await expect(refused).toContainText("private or reserved network address");
  await expect(refused).toContainText("Fix the settings and save again.");
  await expect(page.getByRole("button", { name: "Save anyway" })).toHaveCount(0);
  await expect(page.getByLabel("Base URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/integrations\/new$/);
});

test("(g2) a host name that does not resolve yet is saved anyway, and the first-trace guide fits the screen", async ({
  page,
}) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-dns-later", baseUrl: "https://langfuse.not-yet.invalid" });
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not saved: the connection test failed" });
  await expect(refused).toBeVisible();
  await expect(page.getByLabel("Base URL")).toHaveAttribute("aria-invalid", "true");
  await refused.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByRole("heading", { name: "langfuse-dns-later" })).toBeVisible();
  await expect(page).toHaveURL(/created=1/);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
  }
});

test("(g6) editing, a new host name that does not resolve yet is saved anyway; a private address is not offered", async ({
  page,
}) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "langfuse-moving" });
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByRole("heading", { name: "langfuse-moving" })).toBeVisible();

  const refused = page.getByRole("alert").filter({ hasText: "Not saved: the connection test failed" });
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Base URL").fill("https://10.0.0.5");
  await page.getByLabel("Secret Key", { exact: true }).fill(FAKE_SECRET_KEY);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(refused).toContainText("private or reserved network address");
  await expect(page.getByRole("button", { name: "Save anyway" })).toHaveCount(0);

  await page.getByLabel("Base URL").fill("https://langfuse.moving-later.invalid");
  await expect(refused).toHaveCount(0);
  await page.getByRole("button", { name: "Save changes" }).click();
  await refused.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByRole("form", { name: "Edit LLM Trace Drain" })).toHaveCount(0);
  await expect(page.getByText("https://langfuse.moving-later.invalid")).toBeVisible();
});

test("(d) an http:// URL, swapped keys and a missing acknowledgement each show their field error and save nothing", async ({
  page,
}) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, {
    handle: "rejected-drain",
    baseUrl: "http://cloud.langfuse.com",
    publicKey: FAKE_SECRET_KEY,
    secretKey: FAKE_PUBLIC_KEY,
  });
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByText("The Base URL must use https://")).toBeVisible();
  await expect(page.getByText(/This looks like the secret key/)).toBeVisible();
  await expect(page.getByText(/This looks like the public key/)).toBeVisible();
  await expect(page.getByText("Confirm that you understand prompts and completions will be forwarded")).toBeVisible();
  await expect(page.getByLabel("Base URL")).toHaveAttribute("aria-invalid", "true");

  // Fix everything but the acknowledgement: the form still refuses.
  await fillDrainForm(page, { handle: "rejected-drain" });
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByText("Confirm that you understand prompts and completions will be forwarded")).toBeVisible();
  await expect(page.getByText("The Base URL must use https://")).toHaveCount(0);

  await page.goto(INTEGRATIONS);
  await expect(page.getByRole("heading", { name: "LLM Trace Drains" })).toBeVisible();
  await expect(page.getByRole("link", { name: "rejected-drain" })).toHaveCount(0);
});

test("(e) Test connection shows the project name, and the reason for wrong keys", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "connection-check" });
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected to Langfuse project" })).toContainText(
    "Clinical Assistant (fake)",
  );

  await page.getByLabel("Secret Key", { exact: true }).fill("sk-lf-not-the-right-secret");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Connection failed" })).toContainText(
    "Langfuse rejected the keys",
  );

  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByLabel("Secret Key")).toHaveAttribute("type", "text");
});

test("(f) edit, pause and delete work and appear in the Activity view", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await fillDrainForm(page, { handle: "lifecycle" });
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByRole("heading", { name: "lifecycle" })).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).click();
  // Focus moves into the form the button opened, and stays on a button busy with its request.
  await expect(page.getByLabel("Handle")).toBeFocused();
  await page.getByLabel("Handle").fill("lifecycle-renamed");
  await page.getByRole("button", { name: "Save changes" }).click();
  // The form closes with the saved values on the page, never the old ones for a moment, and
  // focus goes back to the button that opened it.
  await expect(page.getByRole("button", { name: "Edit" })).toBeFocused();
  expect(await page.getByRole("heading", { name: "lifecycle", exact: true }).count()).toBe(0);
  await expect(page.getByRole("heading", { name: "lifecycle-renamed" })).toBeVisible();

  // Changing the Base URL without the secret key is refused next to the secret field.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Base URL").fill(`${E2E_FAKE_LANGFUSE_URL}/other`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Re-enter the secret key to change the Base URL")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();

  // A new secret key is tested before it replaces the working one; saving anyway still saves.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Secret Key", { exact: true }).fill("sk-lf-not-the-right-secret");
  await page.getByRole("button", { name: "Save changes" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Not saved: the connection test failed" });
  await expect(refused).toContainText("Langfuse rejected the keys");
  await expect(page.getByRole("form", { name: "Edit LLM Trace Drain" })).toBeVisible();
  await refused.getByRole("button", { name: "Save anyway" }).click();
  await expect(page.getByText(/sk-lf-…cret/)).toBeVisible();

  const config = page.getByRole("region", { name: "Configuration" });
  await page.getByRole("button", { name: "Test connection" }).focus();
  await page.keyboard.press("Enter");
  // The keys saved anyway above are still wrong.
  await expect(page.getByRole("alert").filter({ hasText: "Connection failed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Test connection" })).toBeFocused();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(config.getByText("Paused", { exact: true })).toBeVisible();
  // The delivery panel agrees at once, not at its next poll.
  await expect(page.getByRole("region", { name: "Delivery" }).getByText("Paused", { exact: true })).toBeVisible({
    timeout: 2_000,
  });
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(config.getByText("Active", { exact: true })).toBeVisible();

  const history = page.getByRole("table", { name: "Drain history" });
  await expect(history.getByText("Edited LLM Trace Drain")).toBeVisible();
  await expect(history.getByText("Paused LLM Trace Drain")).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete drain" }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(page.getByRole("link", { name: "lifecycle-renamed" })).toHaveCount(0);
  // The deleted drain's page is not in the history: Back does not lead to "not found".
  await page.goBack();
  await expect(page).not.toHaveURL(/lifecycle/);
  await expect(page.getByRole("heading", { name: /not found/i })).toHaveCount(0);
  await page.goForward();
  await expect(page).toHaveURL(/\/integrations$/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" }).click();
  const activity = page.getByRole("table", { name: "Activity" });
  for (const action of [
    "Created LLM Trace Drain",
    "Edited LLM Trace Drain",
    "Paused LLM Trace Drain",
    "Resumed LLM Trace Drain",
    "Deleted LLM Trace Drain",
  ]) {
    await expect(activity.getByText(action).first()).toBeVisible();
  }
});

test("inputs that fail to load leave the rest of the form as typed, and load when tried again", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await openNewDrainForm(page);
  await page.getByLabel("Handle").fill("typed-before-offline");
  // Offline (or the code was replaced by a deploy) when OpenTelemetry is chosen.
  await page.route("**/_next/static/chunks/**", (route) => route.abort());
  await page.getByLabel("Type").selectOption({ label: "OpenTelemetry (OTLP/HTTP)" });
  const failed = page.getByRole("alert").filter({ hasText: "could not be loaded" });
  await expect(failed).toBeVisible();
  await expect(page.getByLabel("Handle")).toHaveValue("typed-before-offline");
  await page.unroute("**/_next/static/chunks/**");
  await failed.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByLabel("Endpoint")).toBeVisible();
  await expect(page.getByLabel("Handle")).toHaveValue("typed-before-offline");
});
