import { decrypt, encrypt, type Keyring } from "./keyring";
import { drainSecretAad } from "./drain-secret-aad";

// A drain's secret settings as stored: `{ field: ciphertext }`, each field encrypted on its
// own with additional data naming its organization, drain and field, so a value copied to
// another drain, or to another field, does not decrypt.

/** A stored JSON object of strings (`secrets`, `secret_hints`); anything else in it is ignored. */
export function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export function encryptSecrets(
  keyring: Keyring,
  organizationId: string,
  drainId: string,
  plain: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(plain).map(([field, value]) => [
      field,
      encrypt(keyring, value, drainSecretAad(organizationId, drainId, field)),
    ]),
  );
}

export function decryptSecrets(
  keyring: Keyring,
  organizationId: string,
  drainId: string,
  stored: unknown,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(stringRecord(stored)).map(([field, ciphertext]) => [
      field,
      decrypt(keyring, ciphertext, drainSecretAad(organizationId, drainId, field)),
    ]),
  );
}
