import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { database, db } from "@/lib/db/database";
import {
  decrypt,
  decryptBytes,
  encrypt,
  encryptBytes,
  generateKeyringSpec,
  keyVersionOf,
  parseKeyring,
} from "@/lib/crypto/keyring";
import { rotateOutboxPayloads, rotateStagedPayloads } from "@/lib/crypto/rotate-outbox";
import { STAGE_AAD } from "@/lib/crypto/outbox-aad";
import { rotateDrainSecrets } from "@/lib/crypto/rotate-drain-secrets";
import { drainSecretAad as aadFor } from "@/lib/crypto/drain-secret-aad";
import { stringRecord } from "@/lib/crypto/drain-secrets";
import { createWorld } from "./fixtures";

const v1 = generateKeyringSpec("v1");
const oldRing = parseKeyring(v1);
const newRing = parseKeyring(`${generateKeyringSpec("v2")},${v1}`);
const drains: { id: string; secret: string }[] = [];
const secretKeyOf = (row: { secrets: unknown }) => stringRecord(row.secrets).secretKey!;
let orgId = "";

beforeAll(async () => {
  const world = await createWorld();
  orgId = world.orgA.id;
  for (let i = 0; i < 5; i++) {
    const id = randomUUID();
    const secret = `sk-lf-rotation-secret-${i}`;
    drains.push({ id, secret });
    await db().llmTraceDrain.create({
      data: {
        id,
        organizationId: orgId,
        environmentId: world.envA.id,
        type: "langfuse",
        handle: `rot-${i}`,
        config: { baseUrl: "https://cloud.langfuse.com", publicKey: "pk-lf-rotation" },
        secrets: { secretKey: encrypt(i === 4 ? newRing : oldRing, secret, aadFor(orgId, id)) },
        secretHints: { secretKey: "sk-lf-…" },
      },
    });
  }
});

describe("keys:rotate", () => {
  it("re-encrypts every secret under the newest key, and a second run changes nothing", async () => {
    const first = await rotateDrainSecrets(db(), newRing, 2);
    expect(first).toMatchObject({ examined: 5, reencrypted: 4, alreadyCurrent: 1, failed: [] });
    for (const d of drains) {
      const row = await db().llmTraceDrain.findUniqueOrThrow({ where: { id: d.id } });
      expect(keyVersionOf(secretKeyOf(row))).toBe("v2");
      expect(
        decrypt(
          parseKeyring(newRing.current + ":" + newRing.keys.get("v2")!.toString("base64")),
          secretKeyOf(row),
          aadFor(orgId, d.id),
        ),
      ).toBe(d.secret);
    }
    const second = await rotateDrainSecrets(db(), newRing);
    expect(second).toMatchObject({ examined: 5, reencrypted: 0, alreadyCurrent: 5 });
  });

  it("reports, and leaves alone, a secret it cannot decrypt", async () => {
    const id = drains[0]!.id;
    const unknown = encrypt(parseKeyring(generateKeyringSpec("v0")), "x", aadFor(orgId, id));
    await db().llmTraceDrain.update({ where: { id }, data: { secrets: { secretKey: unknown } } });
    const report = await rotateDrainSecrets(db(), newRing);
    expect(report.failed).toEqual([{ drainId: id, reason: "no key with version v0 in the keyring" }]);
    expect(secretKeyOf(await db().llmTraceDrain.findUniqueOrThrow({ where: { id } }))).toBe(unknown);
  });
});

describe("keys:rotate and the queue", () => {
  it("re-encrypts queued spans and dead letters, so the old key can go without losing them", async () => {
    const drainId = drains[1]!.id;
    const aad = (spanId: string) => `outbox|drain:${drainId}|span:${spanId}`;
    const spans = ["00f067aa0ba90011", "00f067aa0ba90012", "00f067aa0ba90013"];
    for (const [i, spanId] of spans.entries()) {
      await db().traceOutbox.create({
        data: {
          drainId,
          spanId,
          payload: new Uint8Array(encryptBytes(oldRing, Buffer.from(`frame-${i}`), aad(spanId))),
          sizeBytes: 7,
          ...(i === 2 ? { deadAt: new Date() } : {}),
        },
      });
    }
    const first = await rotateOutboxPayloads(database().driver, newRing, 2);
    expect(first).toMatchObject({ examined: 3, reencrypted: 3, alreadyCurrent: 0, failed: 0 });
    // Only the new key is left: every queued span still decrypts.
    const onlyNew = parseKeyring(`v2:${newRing.keys.get("v2")!.toString("base64")}`);
    const rows = await db().traceOutbox.findMany({ where: { drainId }, orderBy: { spanId: "asc" } });
    expect(rows.map((r) => decryptBytes(onlyNew, r.payload, aad(r.spanId)).toString())).toEqual([
      "frame-0",
      "frame-1",
      "frame-2",
    ]);
    expect(await rotateOutboxPayloads(database().driver, newRing)).toMatchObject({ reencrypted: 0, alreadyCurrent: 3 });
  });

  it("re-encrypts staged ingest records too", async () => {
    await database().driver.query("DELETE FROM ingest_stage");
    await database().driver.query(
      `INSERT INTO ingest_stage (payload, records, key_hashes) VALUES ($1, 1, '{}'), ($2, 2, '{}')`,
      [
        encryptBytes(oldRing, Buffer.from("slice-a"), STAGE_AAD),
        encryptBytes(oldRing, Buffer.from("slice-b"), STAGE_AAD),
      ],
    );
    expect(await rotateStagedPayloads(database().driver, newRing, 1)).toMatchObject({ examined: 2, reencrypted: 2 });
    const onlyNew = parseKeyring(`v2:${newRing.keys.get("v2")!.toString("base64")}`);
    const rows = await database().driver.query<{ payload: Uint8Array }>("SELECT payload FROM ingest_stage ORDER BY id");
    expect(rows.map((r) => decryptBytes(onlyNew, r.payload, STAGE_AAD).toString())).toEqual(["slice-a", "slice-b"]);
    await database().driver.query("DELETE FROM ingest_stage");
  });
});
