import { describe, expect, it } from "vitest";
import { displayPrefix, hashLlmKey, newLlmKeySecret } from "./llm-key-secret";

describe("LLM key secrets", () => {
  it("hashes like LiteLLM's user_api_key_hash: sha256 hex of the whole key", () => {
    // Computed independently: python3 -c "import hashlib; print(hashlib.sha256(b'sk-1234').hexdigest())"
    expect(hashLlmKey("sk-1234")).toBe("88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b");
  });

  it("creates distinct, well-formed keys whose prefix reveals only 4 random characters", () => {
    const a = newLlmKeySecret();
    const b = newLlmKeySecret();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^sk-apt-[A-Za-z0-9_-]{40}$/);
    expect(displayPrefix(a)).toBe(a.slice(0, 11));
  });
});
