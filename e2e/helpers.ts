import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "trace-drain-demo";
export const ACME_OWNER = "alice@acme.example";
export const ADMIN = "admin@platform.example";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}
