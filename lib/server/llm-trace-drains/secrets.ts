import "server-only";
import type { EnvironmentAccess } from "../access";
import { operableDrain } from "./operable";
import { config } from "../../config/env";
import { decrypt, encrypt } from "../../crypto/keyring";
import { drainSecretAad as aadFor } from "../../crypto/drain-secret-aad";

// The drain secret key is encrypted before it reaches Prisma and decrypted only where a
// request to Langfuse is built. The AAD ties each ciphertext to its organization, drain
// and field, so a value copied to another row does not decrypt.

export function encryptDrainSecret(organizationId: string, drainId: string, secret: string): string {
  return encrypt(config().drainKeyring, secret, aadFor(organizationId, drainId));
}

export function decryptDrainSecret(organizationId: string, drainId: string, stored: string): string {
  return decrypt(config().drainKeyring, stored, aadFor(organizationId, drainId));
}

/** A display hint that identifies a key without revealing it: `sk-lf-…abcd`. */
export function secretHint(secret: string): string {
  return `sk-lf-…${secret.slice(-4)}`;
}

/** A saved drain's connection details with its secret decrypted, for a request about to be made. */
export async function drainCredentials(access: EnvironmentAccess, drainId: string) {
  const drain = await operableDrain(access, drainId);
  const secretKey = decryptDrainSecret(access.organizationId, drainId, drain.secretKeyCiphertext);
  return { baseUrl: drain.baseUrl, publicKey: drain.publicKey, secretKey, forwardContent: drain.forwardContent };
}
