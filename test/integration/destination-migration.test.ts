import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { pgliteDriver } from "@/lib/db/driver";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { config } from "@/lib/config/env";
import { encrypt, encryptBytes } from "@/lib/crypto/keyring";
import { drainSecretAad } from "@/lib/crypto/drain-secret-aad";
import { decryptSecrets } from "@/lib/crypto/drain-secrets";
import { destinationFor } from "@/lib/destinations/server-registry";
import { spanMember } from "@/lib/delivery/outbox-payload";
import { DeliveryWorker, workerOptionsFrom } from "@/lib/delivery/worker";
import { testTraceSpan } from "@/lib/tracing/test-trace";
import { withFakeLangfuse } from "./drain-fixtures";

// Destinations as plug-ins moved drains from Langfuse columns to `config` + `secrets`. An
// upgrade must keep every drain working without anyone re-entering keys, and deliver what
// was queued before it: checked on a database migrated to the version before, holding a
// drain and queued spans, then migrated to the end.

const fake = withFakeLangfuse();
const MIGRATION = "20261127060000_drain_destinations";

describe(`migration ${MIGRATION}`, () => {
  it("moves Langfuse drains over without re-entering keys, and their queued spans are still delivered", async () => {
    const driver = pgliteDriver(new PGlite());
    const all = readMigrations();
    const cut = all.findIndex((m) => m.name === MIGRATION);
    expect(cut).toBeGreaterThan(0);
    await migrate(driver, all.slice(0, cut));

    const keyring = config().drainKeyring;
    const [org, env, drain] = [randomUUID(), randomUUID(), randomUUID()];
    await driver.query(
      `INSERT INTO organizations (id, handle, name, baa_signed_at, ai_gateway_beta_enrolled_at) VALUES ($1, 'acme', 'Acme', now(), now())`,
      [org],
    );
    await driver.query(`INSERT INTO environments (id, organization_id, handle) VALUES ($1, $2, 'production')`, [
      env,
      org,
    ]);
    await driver.query(
      `INSERT INTO llm_trace_drains (id, organization_id, environment_id, type, handle, base_url, public_key,
                                     secret_key_ciphertext, secret_key_hint)
       VALUES ($1, $2, $3, 'langfuse', 'prod-langfuse', $4, $5, $6, 'sk-lf-…0001')`,
      [drain, org, env, fake().url, fake().publicKey, encrypt(keyring, fake().secretKey, drainSecretAad(org, drain))],
    );
    const queued = Array.from({ length: 3 }, () => {
      const span = testTraceSpan({
        organizationId: org,
        environmentId: env,
        environmentHandle: "production",
        keyAlias: null,
        forwardContent: true,
      });
      const { member, frameBytes } = spanMember(span, "protobuf");
      return {
        spanId: span.spanId,
        payload: encryptBytes(keyring, member, `outbox|drain:${drain}|span:${span.spanId}`),
        frameBytes,
      };
    });
    for (const q of queued) {
      await driver.query(`INSERT INTO trace_outbox (drain_id, span_id, payload, size_bytes) VALUES ($1, $2, $3, $4)`, [
        drain,
        q.spanId,
        q.payload,
        q.frameBytes,
      ]);
    }

    expect(await migrate(driver, all)).toEqual(all.slice(cut).map((m) => m.name));

    const [row] = await driver.query<{ type: string; config: unknown; secrets: unknown; secret_hints: unknown }>(
      `SELECT type, config, secrets, secret_hints FROM llm_trace_drains WHERE id = $1`,
      [drain],
    );
    const langfuse = destinationFor(row!.type);
    expect(langfuse.view({ config: row!.config, hints: row!.secret_hints as Record<string, string> })).toEqual({
      baseUrl: fake().url,
      publicKey: fake().publicKey,
      secretKeyHint: "sk-lf-…0001",
    });
    expect(decryptSecrets(keyring, org, drain, row!.secrets)).toEqual({ secretKey: fake().secretKey });
    const columns = await driver.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'llm_trace_drains'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain("secret_key_ciphertext");

    const worker = new DeliveryWorker({ driver }, workerOptionsFrom(config()));
    while ((await worker.runOnce()) > 0) {
      // deliver everything queued before the upgrade
    }
    const delivered = new Set(fake().spans.map((s) => s.spanId));
    expect(queued.every((q) => delivered.has(q.spanId))).toBe(true);
    expect(await driver.query(`SELECT 1 FROM trace_outbox`)).toHaveLength(0);
    await driver.close();
  });
});
