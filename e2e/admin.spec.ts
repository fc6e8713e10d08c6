import { expect, test } from "@playwright/test";
import { ACME_OWNER, ADMIN, signIn } from "./helpers";

test("a customer has no admin area", async ({ page }) => {
  await signIn(page, ACME_OWNER);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const api = await page.request.get("/api/admin/organizations");
  expect(api.status()).toBe(404);
});

test("the platform admin sees every organization with its BAA and beta status", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  const table = page.getByRole("table", { name: "Organizations" });
  for (const [name, baa, beta] of [
    ["Acme Health", "Signed", "Enrolled"],
    ["Globex", "Not signed", "Not enrolled"],
    ["Initech", "Signed", "Not enrolled"],
  ]) {
    const row = table.getByRole("row").filter({ hasText: name! });
    await expect(row.getByText(baa!, { exact: true })).toBeVisible();
    await expect(row.getByText(beta!, { exact: true })).toBeVisible();
  }
  await page.getByRole("searchbox", { name: "Search organizations" }).fill("glob");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table.getByRole("cell", { name: "Globex", exact: true })).toBeVisible();
});

test("the platform admin sees what the ingest pipeline holds, every organization", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin");
  const pipeline = page.getByRole("table", { name: "Ingest pipeline" });
  for (const stage of [
    "Waiting to be sealed into spans",
    "Could not be sealed",
    "Queued for delivery",
    "Dead letters",
  ]) {
    await expect(pipeline.getByRole("rowheader", { name: stage })).toBeVisible();
  }
  await expect(
    pipeline
      .getByRole("row", { name: /Could not be sealed/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("0 records");
  // Nothing to retry, so no retry button.
  await expect(page.getByRole("button", { name: "Try sealing again" })).toHaveCount(0);
});
