import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";
import { E2E_FAKE_LANGFUSE_URL, FAKE_PUBLIC_KEY, FAKE_SECRET_KEY } from "./support/ports";

// Serial: (c) enrolls Initech, which (b) must see before it happens.
test.describe.configure({ mode: "serial" });

async function integrationsOf(page: Page, org: string, env: string) {
  await page.goto(`/orgs/${org}/environments/${env}/integrations`);
  await expect(page.getByRole("heading", { name: "LLM Trace Drains" })).toBeVisible();
}

async function forgeCreate(page: Page, org: string) {
  const orgs = (await (await page.request.get("/api/organizations")).json()) as {
    organizations: { id: string; handle: string }[];
  };
  const orgId = orgs.organizations.find((o) => o.handle === org)!.id;
  const envs = (await (await page.request.get(`/api/organizations/${orgId}/environments`)).json()) as {
    environments: { id: string }[];
  };
  return page.request.post(`/api/environments/${envs.environments[0]!.id}/llm-trace-drains`, {
    data: {
      type: "langfuse",
      handle: "forged",
      baseUrl: E2E_FAKE_LANGFUSE_URL,
      publicKey: FAKE_PUBLIC_KEY,
      secretKey: FAKE_SECRET_KEY,
      acknowledgeContentForwarding: true,
    },
  });
}

for (const [email, org, env] of [
  ["gina@globex.example", "globex", "globex-production"],
  ["ian@initech.example", "initech", "initech-production"],
] as const) {
  test(`(b) ${org}: no New LLM Trace Drain option, and a forged API call gets 403 feature_not_enabled`, async ({
    page,
  }) => {
    await signIn(page, email);
    await integrationsOf(page, org, env);
    await expect(page.getByRole("link", { name: "New LLM Trace Drain" })).toHaveCount(0);
    const gate = await page.getByRole("note").filter({ hasText: "signed BAA" }).textContent();
    expect(gate).toMatch(/need a signed BAA and AI Gateway beta enrollment/);
    // Opened directly, the new-drain page explains the same instead of offering the form.
    expect((await page.goto(`/orgs/${org}/environments/${env}/integrations/new`))?.status()).toBe(200);
    await expect(page.getByText(gate!)).toBeVisible();
    await expect(page.getByRole("form", { name: "New LLM Trace Drain" })).toHaveCount(0);
    // Another organization's page is still not found, not explained.
    expect((await page.goto("/orgs/acme-health/environments/acme-production/integrations/new"))?.status()).toBe(404);
    const res = await forgeCreate(page, org);
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("feature_not_enabled");
  });
}

test("(c) the admin enrolls Initech in the beta and the Initech customer then sees the option", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, ADMIN);
  await adminPage.goto("/admin");
  const toggle = adminPage.getByRole("switch", { name: "AI Gateway beta for Initech" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await toggle.click();
  const dialog = adminPage.getByRole("dialog", { name: "Enroll Initech in the AI Gateway beta?" });
  await dialog.getByRole("button", { name: "Enroll" }).click();
  await expect(dialog).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(
    adminPage.getByRole("table", { name: "Recent activity" }).getByText("Enrolled in AI Gateway beta"),
  ).toBeVisible();

  const customer = await (await browser.newContext()).newPage();
  await signIn(customer, "ian@initech.example");
  await integrationsOf(customer, "initech", "initech-production");
  await expect(customer.getByRole("link", { name: "New LLM Trace Drain" })).toBeVisible();
});
