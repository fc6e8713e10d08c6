// The calling key's hash read straight from a record's bytes, before parsing, so targets can
// be looked up in the database while another thread parses. Inside JSON strings a quote is
// always escaped, so this pattern can only be a real key; the parsing thread still checks it
// against `metadata.user_api_key_hash` and asks again when they differ.

const NEEDLE = Buffer.from('"user_api_key_hash"');
const HEX = /^[0-9a-fA-F]{64}$/;

const isSpace = (c: number | undefined) => c === 32 || c === 10 || c === 13 || c === 9;

export function keyHashInBytes(bytes: Buffer): string | undefined {
  let at = bytes.indexOf(NEEDLE);
  while (at !== -1) {
    let i = at + NEEDLE.length;
    while (isSpace(bytes[i])) i++;
    if (bytes[i] === 58) {
      i++;
      while (isSpace(bytes[i])) i++;
      if (bytes[i] === 34 && bytes[i + 65] === 34) {
        const value = bytes.toString("latin1", i + 1, i + 65);
        if (HEX.test(value)) return value.toLowerCase();
      }
    }
    at = bytes.indexOf(NEEDLE, at + 1);
  }
  return undefined;
}
