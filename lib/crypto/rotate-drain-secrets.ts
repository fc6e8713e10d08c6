import type { PrismaClient } from "../generated/prisma/client";
import { keyVersionOf, type Keyring } from "./keyring";
import { decryptSecrets, encryptSecrets, stringRecord } from "./drain-secrets";

// Re-encrypts every stored drain secret (every field of every drain) under the keyring's current key. Safe to re-run:
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
      select: { id: true, organizationId: true, secrets: true },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    for (const row of rows) {
      report.examined++;
      const stored = stringRecord(row.secrets);
      if (Object.values(stored).every((ciphertext) => keyVersionOf(ciphertext) === keyring.current)) {
        report.alreadyCurrent++;
        continue;
      }
      try {
        const plain = decryptSecrets(keyring, row.organizationId, row.id, stored);
        // Only if the row still holds what was read: a concurrent edit wins.
        const { count } = await prisma.llmTraceDrain.updateMany({
          where: { id: row.id, secrets: { equals: stored } },
          data: { secrets: encryptSecrets(keyring, row.organizationId, row.id, plain) },
        });
        if (count === 1) report.reencrypted++;
      } catch (err) {
        report.failed.push({ drainId: row.id, reason: err instanceof Error ? err.message : "unknown error" });
      }
    }
  }
  return report;
}
