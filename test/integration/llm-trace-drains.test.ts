import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import * as item from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as savedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-connection/route";
import * as unsavedTest from "@/app/api/environments/[environmentId]/llm-trace-drains/test-connection/route";
import * as testTrace from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/test-trace/route";
import * as retry from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/retry/route";
import * as adminOrg from "@/app/api/admin/organizations/[organizationId]/route";
import { db } from "@/lib/db/database";
import { config } from "@/lib/config/env";
import { decrypt } from "@/lib/crypto/keyring";
import { drainSecretAad as aadFor } from "@/lib/crypto/drain-secret-aad";
import { stringRecord } from "@/lib/crypto/drain-secrets";
import { call, createWorld } from "./fixtures";
import { captureLogs, withFakeLangfuse } from "./drain-fixtures";

const fake = withFakeLangfuse();
const secretKeyOf = (row: { secrets: unknown }) => stringRecord(row.secrets).secretKey!;
const logs = captureLogs();
const responses: string[] = [];
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  world = await createWorld();
  await db().organization.update({
    where: { id: world.orgA.id },
    data: { baaSignedAt: new Date(), aiGatewayBetaEnrolledAt: new Date() },
  });
});

// Each test starts with no drain in envA: an environment holds at most ten.
beforeEach(async () => {
  await db().llmTraceDrain.deleteMany({ where: { environmentId: world.envA.id } });
});

const envA = () => ({ environmentId: world.envA.id });
const valid = (overrides: Record<string, unknown> = {}) => ({
  type: "langfuse",
  handle: `drain-${Math.random().toString(36).slice(2, 8)}`,
  baseUrl: fake().url,
  publicKey: fake().publicKey,
  secretKey: fake().secretKey,
  acknowledgeContentForwarding: true,
  ...overrides,
});

async function owner(handler: Parameters<typeof call>[0], options: Parameters<typeof call>[1]) {
  const res = await call(handler, { token: world.tokens.owner, ...options });
  responses.push(res.text);
  return res;
}

async function createDrain(overrides: Record<string, unknown> = {}) {
  const res = await owner(list.POST, { params: envA(), json: valid(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.json.drain as { id: string; handle: string; baseUrl: string; secretKeyHint: string; status: string };
}

describe("creating a drain", () => {
  it("stores the secret encrypted, bound to its row, and returns only a hint", async () => {
    const drain = await createDrain({
      baseUrl: `${fake().url.toUpperCase().replace("HTTPS", "https")}/`,
      handle: "primary",
    });
    expect(drain.baseUrl).toBe(fake().url);
    expect(drain.secretKeyHint).toBe(`sk-lf-…${fake().secretKey.slice(-4)}`);
    expect(drain.status).toBe("active");

    const row = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    expect(secretKeyOf(row)).not.toContain(fake().secretKey);
    expect(secretKeyOf(row).startsWith("vtest:")).toBe(true);
    expect(decrypt(config().drainKeyring, secretKeyOf(row), aadFor(world.orgA.id, drain.id))).toBe(fake().secretKey);

    const audit = await db().auditEvent.findFirstOrThrow({
      where: { targetId: drain.id, action: "llm_trace_drain.create" },
    });
    expect(audit.changedFields).toContain("secretKey");
    expect(JSON.stringify(audit)).not.toContain(fake().secretKey);
  });

  it("a ciphertext copied into another drain's row does not decrypt", async () => {
    const a = await createDrain();
    const b = await createDrain();
    const rowA = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: a.id } });
    await db().llmTraceDrain.update({ where: { id: b.id }, data: { secrets: { secretKey: secretKeyOf(rowA) } } });
    const res = await owner(savedTest.POST, { method: "POST", params: { ...envA(), drainId: b.id } });
    expect(res.status).toBe(500);
    expect(res.json.error?.message).toMatch(/could not be decrypted/);
    expect(res.text).not.toContain(fake().secretKey);
  });

  it("refuses a duplicate handle in the same environment with a field error", async () => {
    await createDrain({ handle: "dup" });
    const res = await owner(list.POST, { params: envA(), json: valid({ handle: "dup" }) });
    expect(res.status).toBe(409);
    expect(res.json.error?.fields?.handle).toMatch(/already exists/);
  });

  it.each([
    ["http:// URL", { baseUrl: "http://cloud.langfuse.com" }, "baseUrl", /must use https/],
    ["ftp:// URL", { baseUrl: "ftp://cloud.langfuse.com" }, "baseUrl", /must use https/],
    ["javascript: URL", { baseUrl: "javascript:alert(1)" }, "baseUrl", /must use https/],
    [
      "credentials in the URL",
      { baseUrl: "https://user:pass@cloud.langfuse.com" },
      "baseUrl",
      /user name and password/,
    ],
    ["a query string", { baseUrl: "https://cloud.langfuse.com/?x=1" }, "baseUrl", /query string or fragment/],
    ["a fragment", { baseUrl: "https://cloud.langfuse.com/#x" }, "baseUrl", /query string or fragment/],
    ["a loopback address", { baseUrl: "https://127.0.0.1" }, "baseUrl", /private or reserved/],
    ["the metadata address", { baseUrl: "https://169.254.169.254/latest" }, "baseUrl", /private or reserved/],
    ["an IPv4-mapped address", { baseUrl: "https://[::ffff:10.0.0.1]" }, "baseUrl", /private or reserved/],
    ["an .internal host", { baseUrl: "https://langfuse.internal" }, "baseUrl", /private or reserved/],
    ["an unresolvable name", { baseUrl: "https://no-such-host.invalid" }, "baseUrl", /does not resolve/],
    [
      "swapped keys (public)",
      { publicKey: "sk-lf-aaaaaaaaaaaa", secretKey: "pk-lf-bbbbbbbbbbbb" },
      "publicKey",
      /swap/,
    ],
    [
      "swapped keys (secret)",
      { publicKey: "sk-lf-aaaaaaaaaaaa", secretKey: "pk-lf-bbbbbbbbbbbb" },
      "secretKey",
      /swap/,
    ],
    ["not a Langfuse key", { publicKey: "AKIA1234567890" }, "publicKey", /start with pk-lf-/],
    ["an upper-case handle", { handle: "Primary" }, "handle", /lowercase/],
    ["a unicode handle", { handle: "drän" }, "handle", /lowercase/],
    ["a handle starting with a dash", { handle: "-x" }, "handle", /starting with a letter or digit/],
    ["a 65-character handle", { handle: "a".repeat(65) }, "handle", /at most 64/],
    ["a very long URL", { baseUrl: `https://${"a".repeat(3000)}.com` }, "baseUrl", /at most 2048/],
    [
      "no acknowledgement",
      { acknowledgeContentForwarding: false },
      "acknowledgeContentForwarding",
      /prompts and completions/,
    ],
    ["an unknown type", { type: "datadog" }, "type", /Select a drain type/],
  ])("rejects %s with a field error and saves nothing", async (_name, overrides, field, message) => {
    const before = await db().llmTraceDrain.count();
    const res = await owner(list.POST, { params: envA(), json: valid(overrides) });
    expect(res.status).toBe(422);
    expect(res.json.error?.fields?.[field]).toMatch(message);
    expect(await db().llmTraceDrain.count()).toBe(before);
  });

  it("saves anyway a host name that does not resolve yet, never a private address", async () => {
    const later = await owner(list.POST, {
      params: envA(),
      json: valid({ handle: "dns-later", baseUrl: "https://no-such-host.invalid", allowUnresolvedHost: true }),
    });
    expect(later.status, later.text).toBe(201);
    expect(later.json.drain).toMatchObject({ handle: "dns-later", baseUrl: "https://no-such-host.invalid" });
    const privateHost = await owner(list.POST, {
      params: envA(),
      json: valid({ handle: "dns-private", baseUrl: "https://127.0.0.1", allowUnresolvedHost: true }),
    });
    expect(privateHost.status).toBe(422);
    expect(privateHost.json.error?.fields?.baseUrl).toMatch(/private or reserved/);
  });

  it.each([
    ["keys Langfuse rejects", { secretKey: "sk-lf-wrong-secret-0000" }, "invalid_keys", true],
    ["a host name that does not resolve yet", { baseUrl: "https://no-such-host.invalid" }, "unreachable", true],
    ["a private address", { baseUrl: "https://10.0.0.5" }, "blocked", false],
    ["a loopback address", { baseUrl: "https://127.0.0.1" }, "blocked", false],
  ])(
    "a failed Test connection of %s says whether saving anyway would succeed",
    async (_name, settings, reason, can) => {
      const tested = await owner(unsavedTest.POST, { params: envA(), json: valid(settings) });
      expect(tested.status, tested.text).toBe(200);
      expect(tested.json.result).toMatchObject({ ok: false, reason, canSaveAnyway: can });
      // What the form's "Save anyway" then sends.
      const saved = await owner(list.POST, {
        params: envA(),
        json: valid({ ...settings, allowUnresolvedHost: true }),
      });
      expect(saved.status, saved.text).toBe(can ? 201 : 422);
    },
  );
});

describe("drains per environment", () => {
  it("refuses an eleventh drain of one environment with 409 and keeps ten, concurrent creations included", async () => {
    const env = await db().environment.create({ data: { organizationId: world.orgA.id, handle: "staging-limit" } });
    const create = (i: number) =>
      owner(list.POST, { params: { environmentId: env.id }, json: valid({ handle: `limit-${i}` }) });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => create(i)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.status)).toEqual([409, 409]);
    expect(refused[0]!.json.error?.message).toMatch(/at most 10 LLM Trace Drains/);
    expect(await db().llmTraceDrain.count({ where: { environmentId: env.id } })).toBe(10);

    const first = answers.find((a) => a.status === 201)!.json.drain as { id: string };
    expect((await owner(item.DELETE, { params: { environmentId: env.id, drainId: first.id } })).status).toBe(204);
    expect((await create(12)).status).toBe(201);
  });
});

describe("gating on BAA and AI Gateway beta", () => {
  it("refuses creation with 403 feature_not_enabled, then allows it once enrolled, then suspends existing drains", async () => {
    const envB = { environmentId: world.envB.id };
    const asB = (json: unknown) => call(list.POST, { params: envB, token: world.tokens.outsider, json });
    const denied = await asB(valid());
    expect(denied.status).toBe(403);
    expect(denied.json.error?.code).toBe("feature_not_enabled");

    const enable = await call(adminOrg.PATCH, {
      method: "PATCH",
      params: { organizationId: world.orgB.id },
      token: world.tokens.admin,
      json: { baaSigned: true },
    });
    expect(enable.status).toBe(200);
    expect((await asB(valid())).status).toBe(403);
    await call(adminOrg.PATCH, {
      method: "PATCH",
      params: { organizationId: world.orgB.id },
      token: world.tokens.admin,
      json: { aiGatewayBetaEnrolled: true },
    });
    const created = await asB(valid({ handle: "b-drain" }));
    expect(created.status).toBe(201);
    const drainId = (created.json.drain as { id: string }).id;

    await call(adminOrg.PATCH, {
      method: "PATCH",
      params: { organizationId: world.orgB.id },
      token: world.tokens.admin,
      json: { baaSigned: false },
    });
    const listed = await call(list.GET, { params: envB, token: world.tokens.outsider });
    expect(listed.json.drains).toEqual([
      expect.objectContaining({
        id: drainId,
        status: "suspended",
        suspendedReason: "The organization has no signed BAA",
      }),
    ]);
    const patch = await call(item.PATCH, {
      method: "PATCH",
      params: { ...envB, drainId },
      token: world.tokens.outsider,
      json: { handle: "renamed" },
    });
    expect(patch.status).toBe(403);
    expect(patch.json.error?.code).toBe("feature_not_enabled");

    // Every operation that reaches Langfuse is refused while suspended, and nothing is sent.
    const requestsBefore = fake().requests.length;
    const asOwnerB = (handler: Parameters<typeof call>[0], json?: unknown) =>
      call(handler, { method: "POST", params: { ...envB, drainId }, token: world.tokens.outsider, json });
    for (const res of [
      await asOwnerB(savedTest.POST),
      await asOwnerB(testTrace.POST),
      await asOwnerB(retry.POST),
      await asOwnerB(unsavedTest.POST, {
        baseUrl: fake().url,
        publicKey: fake().publicKey,
        secretKey: fake().secretKey,
      }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error?.code).toBe("feature_not_enabled");
    }
    expect(fake().requests.length).toBe(requestsBefore);

    const events = await db().auditEvent.findMany({
      where: { organizationId: world.orgB.id, targetType: "organization" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "organization.baa_signed",
      "organization.ai_gateway_beta_enrolled",
      "organization.baa_withdrawn",
    ]);
    expect(events.every((e) => e.actorId === world.users.admin.id)).toBe(true);
  });
});

describe("editing a drain", () => {
  it("keeps the stored secret when the secret field is empty", async () => {
    const drain = await createDrain();
    const before = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    const res = await owner(item.PATCH, {
      method: "PATCH",
      params: { ...envA(), drainId: drain.id },
      json: { handle: "renamed-" + drain.handle, secretKey: "" },
    });
    expect(res.status).toBe(200);
    const after = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    expect(secretKeyOf(after)).toBe(secretKeyOf(before));
    expect(after.handle).toBe("renamed-" + drain.handle);
  });

  it("requires the secret key again to change the Base URL, and records a key rotation", async () => {
    const drain = await createDrain();
    const params = { ...envA(), drainId: drain.id };
    const newUrl = `${fake().url}/langfuse`;
    const refused = await owner(item.PATCH, { method: "PATCH", params, json: { baseUrl: newUrl } });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.fields?.secretKey).toMatch(/Re-enter the secret key/);

    const rotated = await owner(item.PATCH, {
      method: "PATCH",
      params,
      json: { baseUrl: newUrl, secretKey: "sk-lf-rotated-secret-9999" },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.drain).toMatchObject({ baseUrl: newUrl, secretKeyHint: "sk-lf-…9999" });
    const actions = (
      await db().auditEvent.findMany({ where: { targetId: drain.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => [e.action, e.changedFields]);
    expect(actions).toContainEqual(["llm_trace_drain.update", ["baseUrl"]]);
    expect(actions).toContainEqual(["llm_trace_drain.rotate_keys", ["secretKey"]]);
  });

  it("pauses and resumes, with an audit event each", async () => {
    const drain = await createDrain();
    const params = { ...envA(), drainId: drain.id };
    expect((await owner(item.PATCH, { method: "PATCH", params, json: { paused: true } })).json.drain).toMatchObject({
      status: "paused",
    });
    expect((await owner(item.PATCH, { method: "PATCH", params, json: { paused: false } })).json.drain).toMatchObject({
      status: "active",
    });
    const actions = (
      await db().auditEvent.findMany({ where: { targetId: drain.id }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["llm_trace_drain.create", "llm_trace_drain.pause", "llm_trace_drain.resume"]);
  });

  it("refuses an empty edit, and one that only says to save anyway", async () => {
    const drain = await createDrain();
    const params = { ...envA(), drainId: drain.id };
    expect((await owner(item.PATCH, { method: "PATCH", params, json: {} })).status).toBe(422);
    expect((await owner(item.PATCH, { method: "PATCH", params, json: { allowUnresolvedHost: true } })).status).toBe(
      422,
    );
  });

  it("saves anyway a new host name that does not resolve yet, as on create, never a private address", async () => {
    const drain = await createDrain();
    const params = { ...envA(), drainId: drain.id };
    const change = { baseUrl: "https://no-such-host.invalid", secretKey: "sk-lf-rotated-secret-7777" };
    const refused = await owner(item.PATCH, { method: "PATCH", params, json: change });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.fields?.baseUrl).toMatch(/resolve/);
    const anyway = await owner(item.PATCH, { method: "PATCH", params, json: { ...change, allowUnresolvedHost: true } });
    expect(anyway.status, anyway.text).toBe(200);
    expect(anyway.json.drain).toMatchObject({ baseUrl: "https://no-such-host.invalid" });
    const privateHost = await owner(item.PATCH, {
      method: "PATCH",
      params,
      json: { baseUrl: "https://10.0.0.5", secretKey: "sk-lf-rotated-secret-8888", allowUnresolvedHost: true },
    });
    expect(privateHost.status).toBe(422);
    expect(privateHost.json.error?.fields?.baseUrl).toMatch(/private or reserved/);
    const stored = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: drain.id } });
    expect(stored.config).toMatchObject({ baseUrl: "https://no-such-host.invalid" });
  });
});

describe("test connection of a saved drain", () => {
  it("shows the project name with the stored keys, and a reason with wrong ones", async () => {
    const good = await createDrain();
    const ok = await owner(savedTest.POST, { method: "POST", params: { ...envA(), drainId: good.id } });
    expect(ok.json.result).toEqual({
      ok: true,
      projectName: "Clinical Assistant (fake)",
      projectId: "proj_fake_1",
      message: "Connected to Langfuse project “Clinical Assistant (fake)”.",
    });
    const sent = fake().requests.at(-1)!;
    expect(sent.path).toBe("/api/public/projects");
    expect(sent.authorization).toBe(
      "Basic " + Buffer.from(`${fake().publicKey}:${fake().secretKey}`).toString("base64"),
    );

    const bad = await createDrain({ secretKey: "sk-lf-wrong-secret-0000" });
    const failed = await owner(savedTest.POST, { method: "POST", params: { ...envA(), drainId: bad.id } });
    expect(failed.json.result).toMatchObject({ ok: false, reason: "invalid_keys", httpStatus: 401 });
    const audit = await db().auditEvent.findFirst({
      where: { targetId: bad.id, action: { startsWith: "llm_trace_drain.test_connection" } },
    });
    expect(audit?.action).toBe("llm_trace_drain.test_connection.failed.invalid_keys");
  });
});

describe("secrets never leave the server", () => {
  it("no response or log line of this file contains a secret key", () => {
    const secrets = [fake().secretKey, "sk-lf-rotated-secret-9999", "sk-lf-wrong-secret-0000"];
    const everything = responses.join("\n") + logs();
    expect(responses.length).toBeGreaterThan(20);
    for (const s of secrets) expect(everything).not.toContain(s);
  });
});
