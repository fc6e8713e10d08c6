import { createHash, randomBytes } from "node:crypto";

// Keys look like `sk-apt-<40 base64url chars>`. Only sha256(key) is stored: the AI Gateway
// (LiteLLM) logs the same digest as `user_api_key_hash`, which is how requests are
// attributed to an environment.
export const LLM_KEY_PREFIX = "sk-apt-";

export function newLlmKeySecret(): string {
  return LLM_KEY_PREFIX + randomBytes(30).toString("base64url");
}

export function hashLlmKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What the UI may show of a key: its fixed prefix and four more characters. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, LLM_KEY_PREFIX.length + 4);
}
