import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { langfuseView } from "../test/support/langfuse-reading";
import { buildRecord } from "../lib/simulator/records";
import { ACME_OWNER, signIn } from "./helpers";
import {
  E2E_APP_PORT,
  E2E_FAKE_CONTROL_URL,
  E2E_FAKE_LANGFUSE_URL,
  E2E_FAKE_OTLP_URL,
  E2E_INGEST_TOKEN,
  FAKE_OTLP_HEADER,
  FAKE_PUBLIC_KEY,
  FAKE_SECRET_KEY,
} from "./support/ports";

const run = promisify(execFile);
type Span = { name: string; attributes: Record<string, unknown>; status: { code?: number; message?: string } };

async function simulate(count: number, kinds?: string) {
  const { stdout } = await run("npx", [
    "tsx",
    "scripts/gateway-simulate.ts",
    "--url",
    `http://localhost:${E2E_APP_PORT}`,
    "--token",
    E2E_INGEST_TOKEN,
    "--environment",
    "acme-staging",
    "--count",
    String(count),
    "--rate",
    "50",
    ...(kinds ? ["--kinds", kinds] : []),
  ]);
  return JSON.parse(stdout) as { sent: number; accepted: number };
}

const received = async () => (await (await fetch(`${E2E_FAKE_CONTROL_URL}/__spans`)).json()) as Span[];
const setMode = (mode: string) => fetch(`${E2E_FAKE_CONTROL_URL}/__mode?mode=${mode}`, { method: "POST" });

async function createStagingDrain(page: Page) {
  await page.goto("/orgs/acme-health/environments/acme-staging/integrations");
  await page.getByRole("link", { name: "New LLM Trace Drain" }).click();
  await page.getByLabel("Handle").fill("staging-langfuse");
  await page.getByLabel("Base URL").fill(E2E_FAKE_LANGFUSE_URL);
  await page.getByLabel("Public Key").fill(FAKE_PUBLIC_KEY);
  await page.getByLabel("Secret Key", { exact: true }).fill(FAKE_SECRET_KEY);
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByRole("heading", { name: "staging-langfuse" })).toBeVisible();
}

test("gateway records flow to Langfuse, the drain page shows them delivered, and a 401 marks the drain", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await setMode("normal");
  await signIn(page, ACME_OWNER);
  await createStagingDrain(page);
  const before = (await received()).length;

  expect(await simulate(8)).toMatchObject({ sent: 8, accepted: 8 });
  await expect.poll(async () => (await received()).length - before, { timeout: 20_000 }).toBe(8);
  const spans = (await received()).slice(before);
  // A Claude Code tool loop reads in Langfuse as a conversation with its tool calls indexed.
  const agent = langfuseView(spans.find((s) => s.attributes["aptible.request.call_type"] === "anthropic_messages")!);
  expect(agent.toolCallNames).toEqual(["Read"]);
  expect(agent.toolDefinitions).toEqual(["Read"]);
  const conversation = (agent.input as { messages: { role: string; tool_calls?: unknown[] }[] }).messages;
  expect(conversation.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
  expect(conversation[2]!.tool_calls).toHaveLength(1);
  const chat = spans.find((s) => s.attributes["gen_ai.request.model"] === "gpt-4o" && !s.attributes["error.type"]);
  expect(chat?.attributes).toMatchObject({
    "gen_ai.usage.input_tokens": 412,
    "gen_ai.usage.output_tokens": 96,
    "gen_ai.response.model": "gpt-4o-2024-08-06",
  });
  expect(typeof chat?.attributes["gen_ai.usage.cost"]).toBe("number");
  expect(
    spans.some(
      (s) =>
        typeof s.attributes["gen_ai.conversation.id"] === "string" &&
        String(s.attributes["gen_ai.conversation.id"]).startsWith("session-"),
    ),
  ).toBe(true);
  expect(spans.some((s) => String(s.attributes["user.id"] ?? "").startsWith("user-"))).toBe(true);
  expect(spans.some((s) => s.attributes["gen_ai.operation.name"] === "embeddings")).toBe(true);

  const delivery = page.getByRole("region", { name: "Delivery" });
  await expect(delivery.getByText("Healthy")).toBeVisible({ timeout: 15_000 });
  await expect(delivery.locator(".stat").filter({ hasText: "Delivered (24 h)" })).toContainText("8");

  await setMode("unauthorized");
  await simulate(1);
  await expect(delivery.getByText("Authentication failed", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(delivery.getByRole("alert")).toContainText("Invalid credentials");
  await expect(delivery.locator(".stat").filter({ hasText: "Pending" })).toContainText("1");

  await setMode("normal");
  await delivery.getByRole("button", { name: "Retry now" }).click();
  await expect(delivery.getByText("Healthy")).toBeVisible({ timeout: 20_000 });
  await expect(delivery.locator(".stat").filter({ hasText: "Pending" })).toContainText("0");
});

test("a drain switched to metadata only forwards no prompts, error text, IP addresses or user ids", async ({
  page,
}) => {
  test.setTimeout(60_000);
  await setMode("normal");
  await signIn(page, ACME_OWNER);
  await page.goto("/orgs/acme-health/environments/acme-staging/integrations");
  await page.getByRole("link", { name: "staging-langfuse" }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Forward prompt and completion content").uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Metadata only")).toBeVisible();

  const before = (await received()).length;
  expect(await simulate(3, "chat,provider_error,tool_calls")).toMatchObject({ accepted: 3 });
  await expect.poll(async () => (await received()).length - before, { timeout: 20_000 }).toBe(3);
  const spans = (await received()).slice(before);
  for (const span of spans) {
    const sent = JSON.stringify(span);
    expect(sent).not.toContain("patient 4411");
    expect(sent).not.toContain("Rate limit reached");
    expect(sent).not.toContain("198.51.100.23");
    expect(span.attributes).toMatchObject({ "aptible.content.forwarded": false });
    expect(langfuseView(span).input).toBeUndefined();
  }
  const failed = spans.find((s) => s.attributes["error.type"] === "RateLimitError")!;
  expect(failed.status.message).toBe("RateLimitError (429)");
});

const otlpReceived = async () => (await (await fetch(`${E2E_FAKE_CONTROL_URL}/__otlp/spans`)).json()) as Span[];
const setOtlpMode = (mode: string) => fetch(`${E2E_FAKE_CONTROL_URL}/__otlp/mode?mode=${mode}`, { method: "POST" });

test("an OpenTelemetry (OTLP) drain: created and tested in the form, traffic delivered, a 401 shown", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await setOtlpMode("normal");
  await signIn(page, ACME_OWNER);
  await page.goto("/orgs/acme-health/environments/acme-staging/integrations");
  await page.getByRole("link", { name: "New LLM Trace Drain" }).click();
  await page.getByLabel("Type").selectOption({ label: "OpenTelemetry (OTLP/HTTP)" });
  await page.getByLabel("Handle", { exact: true }).fill("staging-otel");
  await page.getByLabel("Endpoint", { exact: true }).fill(`${E2E_FAKE_OTLP_URL}/v1/traces`);
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name").fill(FAKE_OTLP_HEADER.name);
  await page.getByLabel("Header 1 value").fill(FAKE_OTLP_HEADER.value);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "accepted an empty OTLP export" })).toBeVisible();
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByRole("heading", { name: "staging-otel" })).toBeVisible();
  const settings = page.getByRole("region", { name: "Configuration" });
  await expect(settings).toContainText("OpenTelemetry (OTLP/HTTP)");
  await expect(settings).toContainText(`${FAKE_OTLP_HEADER.name} (values stored encrypted)`);
  await expect(page.locator("body")).not.toContainText(FAKE_OTLP_HEADER.value);
  // The first trace, guided: saved, what to do next, and a live indicator.
  const guide = page.getByRole("region", { name: "Your first trace" });
  await expect(guide).toContainText("LLM Trace Drain staging-otel saved");
  await expect(guide.getByRole("status").filter({ hasText: "Waiting for the first trace" })).toBeVisible();
  await expect(guide.getByRole("figure", { name: "LiteLLM configuration" })).toContainText(
    "/api/internal/ai-gateway/logs",
  );

  const before = (await otlpReceived()).length;
  expect(await simulate(5)).toMatchObject({ accepted: 5 });
  await expect.poll(async () => (await otlpReceived()).length - before, { timeout: 20_000 }).toBe(5);
  const spans = (await otlpReceived()).slice(before);
  expect(spans.every((s) => typeof s.attributes["gen_ai.operation.name"] === "string")).toBe(true);
  expect(spans.every((s) => Object.keys(s.attributes).every((k) => !k.startsWith("langfuse.")))).toBe(true);
  const delivery = page.getByRole("region", { name: "Delivery" });
  await expect(delivery.locator(".stat").filter({ hasText: "Delivered (24 h)" })).toContainText("5", {
    timeout: 15_000,
  });
  await expect(guide.getByText("First trace delivered")).toBeVisible({ timeout: 10_000 });
  const recent = page.getByRole("table", { name: "Recent delivery attempts" });
  await expect(recent.getByRole("cell", { name: "Delivered", exact: true }).first()).toBeVisible({ timeout: 15_000 });

  // Spans the receiver refuses (400) are dead letters at once. Discarding one asks first;
  // retrying the rest empties the list at once, not at its next poll (every 10 s).
  await setOtlpMode("reject-400");
  const dead = page.getByRole("table", { name: "Dead letters" });
  try {
    expect(await simulate(2)).toMatchObject({ accepted: 2 });
    await expect(dead.getByRole("button", { name: /^Discard dead letter/ })).toHaveCount(2, { timeout: 20_000 });
  } finally {
    await setOtlpMode("normal");
  }
  const discardFirst = () =>
    dead
      .getByRole("button", { name: /^Discard dead letter/ })
      .first()
      .click();
  const confirm = page.getByRole("dialog", { name: /^Discard dead letter/ });
  await discardFirst();
  await expect(confirm).toContainText("never be delivered");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(dead.getByRole("button", { name: /^Discard dead letter/ })).toHaveCount(2);
  await discardFirst();
  await confirm.getByRole("button", { name: "Discard", exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(dead.getByRole("button", { name: /^Discard dead letter/ })).toHaveCount(1);
  const beforeRetry = (await otlpReceived()).length;
  const retryDead = delivery.getByRole("button", { name: "Retry dead letters" });
  await expect(retryDead).toBeEnabled({ timeout: 10_000 });
  await retryDead.click();
  await expect(dead).toHaveCount(0, { timeout: 3_000 });
  await expect.poll(async () => (await otlpReceived()).length - beforeRetry, { timeout: 20_000 }).toBe(1);

  await setOtlpMode("unauthorized");
  try {
    await simulate(1);
    await expect(delivery.getByText("Authentication failed", { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(delivery.getByRole("alert")).toContainText("refused the credentials (HTTP 401");
  } finally {
    await setOtlpMode("normal");
  }
});

/** Posts records as the gateway would, signed with an LLM key of acme-staging. */
async function postAs(keySecret: string, records: Record<string, unknown>[]) {
  const res = await fetch(`http://localhost:${E2E_APP_PORT}/api/internal/ai-gateway/logs`, {
    method: "POST",
    headers: { authorization: `Bearer ${E2E_INGEST_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(records),
  });
  return (await res.json()) as { accepted: number };
}
const STAGING_KEY = "sk-apt-demo-acme-staging-tests-000000000000000003";
const PHI = "Patient jane.doe@example.com, record MRN-123456";
const phiRecord = (keySecret: string) =>
  JSON.parse(
    JSON.stringify(buildRecord({ kind: "chat", keySecret, sessionId: `phi-${Date.now()}` })).replace(
      /patient 4411/g,
      PHI,
    ),
  ) as Record<string, unknown>;

test("per-drain controls: redaction with a custom pattern, sampling at 0% counted, a key filter", async ({ page }) => {
  test.setTimeout(120_000);
  await setOtlpMode("normal");
  await signIn(page, ACME_OWNER);
  await page.goto("/orgs/acme-health/environments/acme-staging/integrations/new");
  await page.getByLabel("Type").selectOption({ label: "OpenTelemetry (OTLP/HTTP)" });
  await page.getByLabel("Handle", { exact: true }).fill("staging-controls");
  await page.getByLabel("Endpoint", { exact: true }).fill(E2E_FAKE_OTLP_URL);
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name").fill(FAKE_OTLP_HEADER.name);
  await page.getByLabel("Header 1 value").fill(FAKE_OTLP_HEADER.value);
  await page.getByLabel(/I understand that full prompts and completions/).check();
  await page.getByRole("button", { name: "Save LLM Trace Drain" }).click();
  await expect(page.getByRole("heading", { name: "staging-controls" })).toBeVisible();
  const controls = page.getByRole("region", { name: "Controls" });

  // Redaction: a detector and a custom pattern, tried in the form, then applied at ingest.
  await controls.getByRole("button", { name: "Change controls" }).click();
  await controls.getByLabel("Email addresses").check();
  await controls.getByRole("button", { name: "Add custom pattern" }).click();
  await controls.getByLabel("Pattern 1 name").fill("MRN");
  await controls.getByLabel("Pattern 1 regular expression").fill("MRN-[0-9]{6}");
  await controls.getByLabel("Try it: text to redact").fill(PHI);
  await controls.getByRole("button", { name: "Redact this text" }).click();
  await expect(controls.getByRole("status")).toHaveText("Patient [EMAIL], record [MRN]");
  await controls.getByRole("button", { name: "Save controls" }).click();
  await expect(controls).toContainText("Email addresses, MRN (custom)");
  const before = (await otlpReceived()).length;
  expect(await postAs(STAGING_KEY, [phiRecord(STAGING_KEY)])).toMatchObject({ accepted: 1 });
  await expect.poll(async () => (await otlpReceived()).length - before, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  const redacted = (await otlpReceived()).slice(before).find((s) => JSON.stringify(s).includes("[MRN]"))!;
  expect(JSON.stringify(redacted)).not.toContain("jane.doe@example.com");
  expect(JSON.stringify(redacted)).not.toContain("MRN-123456");
  expect(redacted.attributes).toMatchObject({ "aptible.redaction.applied": true, "aptible.redaction.mrn": 1 });

  // Sampling at 0%: nothing arrives, and the drain says what it left out. A rate out of
  // range is refused next to its field first.
  await controls.getByRole("button", { name: "Change controls" }).click();
  await controls.getByLabel("Sample rate (%)").fill("150");
  await controls.getByRole("button", { name: "Save controls" }).click();
  await expect(controls.getByLabel("Sample rate (%)")).toHaveAccessibleDescription(/whole percentage from 0 to 100/);
  await controls.getByLabel("Sample rate (%)").fill("0");
  await controls.getByLabel("Always forward failed requests").uncheck();
  await controls.getByRole("button", { name: "Save controls" }).click();
  // The summary comes back with what was saved, not the values before it for a moment.
  await expect(controls.getByRole("button", { name: "Change controls" })).toBeFocused();
  expect(await controls.textContent()).toContain("0% of sessions");
  const quiet = (await otlpReceived()).length;
  expect(
    await postAs(STAGING_KEY, [phiRecord(STAGING_KEY), phiRecord(STAGING_KEY), phiRecord(STAGING_KEY)]),
  ).toMatchObject({
    accepted: 3,
  });
  await expect(controls).toContainText("3 sampled out", { timeout: 15_000 });
  expect((await otlpReceived()).length).toBe(quiet);

  // A key filter: only a new key's requests go out; the demo key's are counted as filtered.
  await page.goto("/orgs/acme-health/environments/acme-staging/llm-keys");
  await page.getByRole("button", { name: "Create LLM key" }).click();
  await page.getByLabel("Alias").fill("controls-only");
  await page.getByRole("button", { name: "Create key" }).click();
  const newKey = (await page.getByLabel("New LLM key", { exact: true }).textContent())!;
  await page.keyboard.press("Escape");
  await page.goto("/orgs/acme-health/environments/acme-staging/integrations");
  await page.getByRole("link", { name: "staging-controls" }).click();
  await controls.getByRole("button", { name: "Change controls" }).click();
  await controls.getByLabel("Sample rate (%)").fill("100");
  await controls.getByLabel(/controls-only/).check();
  await controls.getByRole("button", { name: "Save controls" }).click();
  await expect(controls).toContainText("1 LLM key");
  const filteredBefore = (await otlpReceived()).length;
  await postAs(STAGING_KEY, [phiRecord(STAGING_KEY)]);
  await expect(controls).toContainText("1 filtered out", { timeout: 15_000 });
  await postAs(newKey, [phiRecord(newKey)]);
  await expect.poll(async () => (await otlpReceived()).length - filteredBefore, { timeout: 20_000 }).toBe(1);
});
