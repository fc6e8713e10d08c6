import "server-only";
import type { EnvironmentAccess } from "../access";
import { operableDrain } from "./operable";
import { config } from "../../config/env";
import { decryptSecrets, encryptSecrets } from "../../crypto/drain-secrets";

// Drain secrets are encrypted before they reach Prisma and decrypted only where a request to
// the destination is built (lib/crypto/drain-secrets.ts binds each to its drain and field).

export function encryptDrainSecrets(organizationId: string, drainId: string, plain: Record<string, string>) {
  return encryptSecrets(config().drainKeyring, organizationId, drainId, plain);
}

/** A saved drain's settings with its secrets decrypted, for a request about to be made (passes the drain gate). */
export async function drainCredentials(access: EnvironmentAccess, drainId: string) {
  const drain = await operableDrain(access, drainId);
  const secrets = decryptSecrets(config().drainKeyring, access.organizationId, drainId, drain.secrets);
  return { type: drain.type, config: drain.config, secrets, forwardContent: drain.forwardContent };
}
