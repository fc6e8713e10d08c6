import type { PrismaClient } from "../generated/prisma/client";
import { decrypt, encrypt, keyVersionOf, type Keyring } from "./keyring";
import { drainSecretAad as aad } from "./drain-secret-aad";

// Re-encrypts every stored drain secret under the keyring's current key. Safe to re-run:
// values already under the current key are skipped, and each update only applies if the
// row still holds the ciphertext that was read (a concurrent edit wins).

export type RotationReport = {
  examined: number;
  reencrypted: number;
  alreadyCurrent: number;
  failed: { drainId: string; reason: string }[];
};

export async function rotateDrainSecrets(
  prisma: PrismaClient,
  keyring: Keyring,
  batchSize = 200,
): Promise<RotationReport> {
  const report: RotationReport = { examined: 0, reencrypted: 0, alreadyCurrent: 0, failed: [] };
  let cursor: string | undefined;
  for (;;) {
    const rows = await prisma.llmTraceDrain.findMany({
      select: { id: true, organizationId: true, secretKeyCiphertext: true },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    for (const row of rows) {
      report.examined++;
      if (keyVersionOf(row.secretKeyCiphertext) === keyring.current) {
        report.alreadyCurrent++;
        continue;
      }
      try {
        const plain = decrypt(keyring, row.secretKeyCiphertext, aad(row.organizationId, row.id));
        const { count } = await prisma.llmTraceDrain.updateMany({
          where: { id: row.id, secretKeyCiphertext: row.secretKeyCiphertext },
          data: { secretKeyCiphertext: encrypt(keyring, plain, aad(row.organizationId, row.id)) },
        });
        if (count === 1) report.reencrypted++;
      } catch (err) {
        report.failed.push({ drainId: row.id, reason: err instanceof Error ? err.message : "unknown error" });
      }
    }
  }
  return report;
}
