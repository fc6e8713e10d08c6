import { describe, expect, it } from "vitest";
import {
  decrypt,
  decryptBytes,
  DecryptionError,
  encrypt,
  encryptBytes,
  generateKeyringSpec,
  keyVersionOf,
  parseKeyring,
} from "./keyring";

const aad = "org:o1|drain:d1|field:secretKey";

describe("keyring encryption", () => {
  it("round-trips, with a fresh IV per value and the key version recorded", () => {
    const ring = parseKeyring(generateKeyringSpec("v3"));
    const a = encrypt(ring, "sk-lf-secret", aad);
    const b = encrypt(ring, "sk-lf-secret", aad);
    expect(a).not.toBe(b);
    expect(a).not.toContain("sk-lf-secret");
    expect(keyVersionOf(a)).toBe("v3");
    expect(decrypt(ring, a, aad)).toBe("sk-lf-secret");
  });

  it("never repeats an IV, across refills of the IV pool and both forms", () => {
    const ring = parseKeyring(generateKeyringSpec("v1"));
    const ivs = new Set<string>();
    // 3,000 values: the pool holds 1,024 IVs, so this crosses two refills.
    for (let i = 0; i < 1500; i++) {
      const sealed = encryptBytes(ring, Buffer.from(`span ${i}`), aad);
      ivs.add(sealed.subarray(3, 15).toString("hex")); // [1]["v1"][iv 12]…
      expect(decryptBytes(ring, sealed, aad).toString()).toBe(`span ${i}`);
      ivs.add(Buffer.from(encrypt(ring, "sk-lf-secret", aad).split(":")[1]!, "base64url").toString("hex"));
    }
    expect(ivs.size).toBe(3000);
  });

  it("detects tampering with the ciphertext or tag", () => {
    const ring = parseKeyring(generateKeyringSpec());
    const [v, iv, ct, tag] = encrypt(ring, "sk-lf-secret", aad).split(":") as [string, string, string, string];
    const flipped = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    expect(() => decrypt(ring, [v, iv, flipped(ct), tag].join(":"), aad)).toThrow(DecryptionError);
    expect(() => decrypt(ring, [v, iv, ct, flipped(tag)].join(":"), aad)).toThrow(DecryptionError);
    expect(() => decrypt(ring, "garbage", aad)).toThrow(DecryptionError);
  });

  it("insists on the whole 16-byte tag: a value whose tag was cut short fails", () => {
    const ring = parseKeyring(generateKeyringSpec("v1"));
    const [v, iv, ct, tag] = encrypt(ring, "sk-lf-secret", aad).split(":") as [string, string, string, string];
    const cut = Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url");
    expect(() => decrypt(ring, [v, iv, ct, cut].join(":"), aad)).toThrow(DecryptionError);
    // Binary form: the same plaintext sealed, then its tag shortened to 4 bytes in place.
    const sealed = encryptBytes(ring, Buffer.from("span"), aad);
    const at = 1 + sealed[0]! + 12;
    const shortened = Buffer.concat([sealed.subarray(0, at + 4), sealed.subarray(at + 16)]);
    expect(() => decryptBytes(ring, shortened, aad)).toThrow(DecryptionError);
    expect(() => decryptBytes(ring, sealed.subarray(0, at + 8), aad)).toThrow(DecryptionError);
    expect(decryptBytes(ring, sealed, aad).toString()).toBe("span");
  });

  it("refuses a value bound to another organization, drain or field", () => {
    const ring = parseKeyring(generateKeyringSpec());
    const stored = encrypt(ring, "sk-lf-secret", aad);
    expect(() => decrypt(ring, stored, "org:o2|drain:d1|field:secretKey")).toThrow(DecryptionError);
    expect(() => decrypt(ring, stored, "org:o1|drain:d2|field:secretKey")).toThrow(DecryptionError);
    expect(() => decrypt(ring, stored, "org:o1|drain:d1|field:publicKey")).toThrow(DecryptionError);
  });

  it("names an unknown key version", () => {
    const stored = encrypt(parseKeyring(generateKeyringSpec("v9")), "x", aad);
    expect(() => decrypt(parseKeyring(generateKeyringSpec("v1")), stored, aad)).toThrow(/no key with version v9/);
  });

  it("encrypts with the first key and decrypts with any (rotation)", () => {
    const v1 = generateKeyringSpec("v1");
    const old = encrypt(parseKeyring(v1), "old secret", aad);
    const rotated = parseKeyring(`${generateKeyringSpec("v2")},${v1}`);
    expect(rotated.current).toBe("v2");
    expect(decrypt(rotated, old, aad)).toBe("old secret");
    expect(keyVersionOf(encrypt(rotated, "new", aad))).toBe("v2");
  });

  it("rejects malformed keyrings without echoing key material", () => {
    expect(() => parseKeyring("")).toThrow(/no keys/);
    expect(() => parseKeyring("v1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKeyring("nocolon")).toThrow(/<version>:<base64 key>/);
    const spec = generateKeyringSpec("v1");
    expect(() => parseKeyring(`${spec},${spec}`)).toThrow(/appears twice/);
    try {
      parseKeyring("v1:c2hvcnQ=");
    } catch (err) {
      expect((err as Error).message).not.toContain("c2hvcnQ");
    }
  });
});
