import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a versioned keyring. Stored form: `<version>:<iv>:<ciphertext>:<tag>`
// (base64url parts). The first key encrypts; any key decrypts the values it wrote.
// Callers pass additional authenticated data naming the row and field the value belongs
// to, so a ciphertext copied into another row or column fails to decrypt.

export type Keyring = { current: string; keys: ReadonlyMap<string, Buffer> };

export class KeyringError extends Error {
  override name = "KeyringError";
}

export class DecryptionError extends Error {
  override name = "DecryptionError";
}

const VERSION = /^[a-z0-9]{1,16}$/i;

/** Parses `v2:<base64 32 bytes>,v1:<…>`. Messages never include key material. */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  let current: string | undefined;
  for (const [index, entry] of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .entries()) {
    const sep = entry.indexOf(":");
    const version = entry.slice(0, sep);
    if (sep < 1 || !VERSION.test(version)) {
      throw new KeyringError(
        `entry ${index + 1} must look like <version>:<base64 key>, e.g. v1:$(openssl rand -base64 32)`,
      );
    }
    const key = Buffer.from(entry.slice(sep + 1), "base64");
    if (key.length !== 32)
      throw new KeyringError(`key ${version} must be 32 bytes of base64 (openssl rand -base64 32)`);
    if (keys.has(version)) throw new KeyringError(`key version ${version} appears twice`);
    keys.set(version, key);
    current ??= version;
  }
  if (!current) throw new KeyringError("no keys given (format: v1:<base64 32 bytes>)");
  return { current, keys };
}

export function generateKeyringSpec(version = "v1"): string {
  return `${version}:${randomBytes(32).toString("base64")}`;
}

// IVs are taken from a pooled CSPRNG buffer, each used once: randomBytes() per value is a
// synchronous trip into OpenSSL of ~7 µs, more than encrypting a queued ~5 KB span.
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * Decryption insists on the full 16-byte tag: Node otherwise accepts a tag cut to 4 bytes, and
 * a value shortened in the database would be checked against 32 bits of tag instead of 128.
 */
const GCM = { authTagLength: TAG_BYTES } as const;
const IV_POOL_BYTES = IV_BYTES * 1024;
let ivPool = Buffer.alloc(0);
let ivAt = 0;

function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivAt = 0;
  }
  const iv = ivPool.subarray(ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
  return iv;
}

export function encrypt(keyring: Keyring, plaintext: string, aad: string): string {
  const key = keyring.keys.get(keyring.current)!;
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    keyring.current,
    iv.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(":");
}

export function keyVersionOf(stored: string): string {
  return stored.split(":", 1)[0] ?? "";
}

export function decrypt(keyring: Keyring, stored: string, aad: string): string {
  const parts = stored.split(":");
  if (parts.length !== 4) throw new DecryptionError("stored value is not in <version>:<iv>:<ciphertext>:<tag> form");
  const [version, iv, ciphertext, tag] = parts as [string, string, string, string];
  const key = keyring.keys.get(version);
  if (!key) throw new DecryptionError(`no key with version ${version} in the keyring`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), GCM);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("value failed authentication (tampered, or bound to another row)");
  }
}

// Binary form for bulk data (the outbox): [version length][version][iv 12][tag 16][ciphertext].
// No base64, so a queued span costs its own size in the database, not a third more.

export function encryptBytes(keyring: Keyring, plaintext: Uint8Array, aad: string): Buffer {
  const key = keyring.keys.get(keyring.current)!;
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const version = Buffer.from(keyring.current, "ascii");
  return Buffer.concat([Buffer.from([version.length]), version, iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptBytes(keyring: Keyring, sealed: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const versionLength = buf[0] ?? 0;
  const version = buf.subarray(1, 1 + versionLength).toString("ascii");
  const key = keyring.keys.get(version);
  if (!key) throw new DecryptionError(`no key with version ${version} in the keyring`);
  const at = 1 + versionLength;
  try {
    if (buf.length < at + IV_BYTES + TAG_BYTES) throw new DecryptionError("stored value is too short");
    const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(at, at + IV_BYTES), GCM);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    const tagAt = at + IV_BYTES;
    decipher.setAuthTag(buf.subarray(tagAt, tagAt + TAG_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(tagAt + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError("value failed authentication (tampered, or bound to another row)");
  }
}
