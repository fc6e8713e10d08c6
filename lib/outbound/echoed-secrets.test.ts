import { describe, expect, it } from "vitest";
import { headerSecrets, withoutSecrets } from "./echoed-secrets";

describe("secrets echoed by a destination", () => {
  const basic = `Basic ${Buffer.from("pk-lf-1234567890:sk-lf-abcdef123456").toString("base64")}`;
  const secrets = headerSecrets({ authorization: basic, "x-honeycomb-team": "hcaik_01abcdefghij", "x-env": "prod" });

  it("are cut out whole, as a token after the scheme, and decoded from Basic", () => {
    const echo = `auth=${basic} token=${basic.slice(6)} user=pk-lf-1234567890:sk-lf-abcdef123456 key=sk-lf-abcdef123456 team=hcaik_01abcdefghij`;
    const said = withoutSecrets(echo, secrets);
    expect(said).not.toMatch(/sk-lf-abcdef123456|hcaik_01abcdefghij/);
    expect(said).not.toContain(basic.slice(6));
    expect(said).toContain("auth=[redacted]");
  });

  it("are cut out when the echo escapes them inside JSON or percent-encodes them", () => {
    const value = 'Bearer tok"en\\with spaces/+=';
    const found = headerSecrets({ authorization: value });
    const echo = JSON.stringify({ headers: { authorization: value }, query: `auth=${encodeURIComponent(value)}` });
    const said = withoutSecrets(echo, found);
    expect(said).not.toContain("en\\\\with");
    expect(said).not.toContain("with%20spaces");
    expect(said).not.toContain("with spaces");
    expect(said).toContain('"authorization":"[redacted]"');
  });

  it("are cut out when the echo changes their case or writes them as HTML references, base64 or hex", () => {
    const secret = "sk-lf-TopSecret-Langfuse-42";
    const found = headerSecrets({ "x-api-key": secret });
    const bytes = Buffer.from(secret);
    const echo = [
      `upper=${secret.toUpperCase()}`,
      `lower=${secret.toLowerCase()}`,
      `html=${[...secret].map((c) => `&#${c.charCodeAt(0)};`).join("")}`,
      `htmlhex=${[...secret].map((c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`).join("")}`,
      `b64=${bytes.toString("base64")}`,
      `b64url=${bytes.toString("base64url")}`,
      `hex=${bytes.toString("hex").toUpperCase()}`,
    ].join(" ");
    const said = withoutSecrets(echo, found);
    expect(said).toBe(
      "upper=[redacted] lower=[redacted] html=[redacted] htmlhex=[redacted] b64=[redacted] b64url=[redacted] hex=[redacted]",
    );
  });

  it("leave the rest of the message, and values too short to be secrets, alone", () => {
    expect(withoutSecrets("HTTP 500: upstream prod failed", secrets)).toBe("HTTP 500: upstream prod failed");
  });
});
