import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/database";
import { decrypt, encrypt, generateKeyringSpec, keyVersionOf, parseKeyring } from "@/lib/crypto/keyring";
import { rotateDrainSecrets } from "@/lib/crypto/rotate-drain-secrets";
import { drainSecretAad as aadFor } from "@/lib/crypto/drain-secret-aad";
import { createWorld } from "./fixtures";

const v1 = generateKeyringSpec("v1");
const oldRing = parseKeyring(v1);
const newRing = parseKeyring(`${generateKeyringSpec("v2")},${v1}`);
const drains: { id: string; secret: string }[] = [];
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
        baseUrl: "https://cloud.langfuse.com",
        publicKey: "pk-lf-rotation",
        secretKeyCiphertext: encrypt(i === 4 ? newRing : oldRing, secret, aadFor(orgId, id)),
        secretKeyHint: "sk-lf-…",
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
      expect(keyVersionOf(row.secretKeyCiphertext)).toBe("v2");
      expect(
        decrypt(
          parseKeyring(newRing.current + ":" + newRing.keys.get("v2")!.toString("base64")),
          row.secretKeyCiphertext,
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
    await db().llmTraceDrain.update({ where: { id }, data: { secretKeyCiphertext: unknown } });
    const report = await rotateDrainSecrets(db(), newRing);
    expect(report.failed).toEqual([{ drainId: id, reason: "no key with version v0 in the keyring" }]);
    expect((await db().llmTraceDrain.findUniqueOrThrow({ where: { id } })).secretKeyCiphertext).toBe(unknown);
  });
});
