import { expect, test } from "@playwright/test";
import { ACME_OWNER, signIn } from "./helpers";

test("an owner creates an LLM key, sees it exactly once, revokes it and signs out", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" }).click();
  await page.getByRole("link", { name: "acme-production" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "acme-production" })).toBeVisible();
  await page.getByRole("link", { name: "LLM Keys" }).click();
  await expect(page.getByRole("link", { name: "LLM Keys" })).toHaveAttribute("aria-current", "page");

  // The demo keys are listed by alias and prefix only.
  const keysTable = page.getByRole("table");
  await expect(keysTable.getByRole("cell", { name: "clinical-notes-api", exact: true })).toBeVisible();

  const alias = `e2e-key-${Date.now()}`;
  await page.getByRole("button", { name: "Create LLM key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Alias").fill(alias);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secret = (await dialog.getByLabel("New LLM key").textContent()) ?? "";
  expect(secret).toMatch(/^sk-apt-[A-Za-z0-9_-]{40}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  const row = keysTable.getByRole("row").filter({ hasText: alias });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(row.getByText(secret.slice(0, 11) + "…")).toBeVisible();
  // Shown once: neither the page nor a reload contains the full key.
  await page.reload();
  await expect(page.getByRole("table").getByRole("cell", { name: alias, exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await page.getByRole("button", { name: `Revoke ${alias}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: alias }).getByText("Revoked")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/orgs/acme-health/environments");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a member sees keys but cannot create or revoke them", async ({ page }) => {
  await signIn(page, "bob@acme.example");
  await page.goto("/orgs/acme-health/environments/acme-production/llm-keys");
  await expect(page.getByRole("table").getByRole("cell", { name: "clinical-notes-api", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create LLM key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
});
