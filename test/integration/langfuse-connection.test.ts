import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { checkLangfuseConnection } from "@/lib/destinations/langfuse/connection";
import { startFakeLangfuse, type FakeLangfuse } from "../support/fake-langfuse";
import { ensureSelfSignedCert } from "../support/tls";
import { withFakeLangfuse } from "./drain-fixtures";

// Every reason the Test connection button can give, against real sockets on loopback.

const fake = withFakeLangfuse();
let untrusted: FakeLangfuse;

beforeAll(async () => {
  // A second certificate that is not in NODE_EXTRA_CA_CERTS.
  const tls = ensureSelfSignedCert(fs.mkdtempSync(path.join(os.tmpdir(), "untrusted-")), "untrusted");
  untrusted = await startFakeLangfuse({ cert: tls.cert, key: tls.key });
});
afterAll(async () => untrusted.close());

const keys = () => ({ publicKey: fake().publicKey, secretKey: fake().secretKey });

describe("checkLangfuseConnection", () => {
  it("returns the project name for valid project keys", async () => {
    expect(await checkLangfuseConnection({ baseUrl: fake().url, ...keys() })).toEqual({
      ok: true,
      projectName: "Clinical Assistant (fake)",
      projectId: "proj_fake_1",
      message: "Connected to Langfuse project “Clinical Assistant (fake)”.",
    });
  });

  it("reports invalid keys (401)", async () => {
    expect(
      await checkLangfuseConnection({
        baseUrl: fake().url,
        publicKey: fake().publicKey,
        secretKey: "sk-lf-nope-nope-nope",
      }),
    ).toMatchObject({ ok: false, reason: "invalid_keys", httpStatus: 401 });
  });

  it("reports an organization key used instead of a project key (403)", async () => {
    const res = await checkLangfuseConnection({
      baseUrl: fake().url,
      publicKey: fake().orgPublicKey,
      secretKey: fake().orgSecretKey,
    });
    expect(res).toMatchObject({ ok: false, reason: "organization_key", httpStatus: 403 });
  });

  it("reports a host that is not Langfuse (404, HTML, 503)", async () => {
    expect(await checkLangfuseConnection({ baseUrl: `${fake().url}/wrong/prefix`, ...keys() })).toMatchObject({
      ok: false,
      reason: "not_langfuse",
      httpStatus: 404,
    });
    fake().setMode("html");
    expect(await checkLangfuseConnection({ baseUrl: fake().url, ...keys() })).toMatchObject({
      ok: false,
      reason: "not_langfuse",
    });
    fake().setMode("down-503");
    expect(await checkLangfuseConnection({ baseUrl: fake().url, ...keys() })).toMatchObject({
      ok: false,
      reason: "not_langfuse",
      httpStatus: 503,
    });
    fake().setMode("normal");
  });

  it("reports a timeout", async () => {
    fake().setMode("slow");
    const started = Date.now();
    expect(await checkLangfuseConnection({ baseUrl: fake().url, ...keys() }, 300)).toMatchObject({
      ok: false,
      reason: "timeout",
    });
    expect(Date.now() - started).toBeLessThan(3000);
    fake().setMode("normal");
  });

  it("reports a TLS failure for an untrusted certificate", async () => {
    const res = await checkLangfuseConnection({ baseUrl: untrusted.url, ...keys() });
    expect(res).toMatchObject({ ok: false, reason: "tls" });
  });

  it("reports an unreachable host", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    expect(await checkLangfuseConnection({ baseUrl: `https://localhost:${port}`, ...keys() })).toMatchObject({
      ok: false,
      reason: "unreachable",
    });
  });

  it("refuses at connect time an address the guard blocks, without sending the keys", async () => {
    const before = fake().requests.length;
    const res = await checkLangfuseConnection({ baseUrl: `https://127.0.0.1:${fake().port}`, ...keys() });
    expect(res).toMatchObject({ ok: false, reason: "blocked" });
    expect(fake().requests.length).toBe(before);
  });
});
