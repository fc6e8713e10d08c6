// A destination's answer is stored and shown to every member of the organization (deliveries,
// health, Test connection). A server, proxy or firewall that echoes the request's headers
// would put the drain's write-only credentials there: they are cut out before anything keeps
// or shows the answer.

const MIN_SECRET_CHARS = 6;

/**
 * The ways an echo may write a value: as sent, escaped inside a JSON string (an echo service
 * answering with the request as JSON writes `"` and `\` escaped), percent-encoded, as HTML
 * character references, in base64 (padded or not) and in hex. Letter case is matched loosely
 * (withoutSecrets), so an echo that upper-cases the value is cut out too.
 */
const echoForms = (value: string) => {
  const bytes = Buffer.from(value, "utf8");
  const base64 = bytes.toString("base64");
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    [...value].map((c) => `&#${c.codePointAt(0)};`).join(""),
    [...value].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(""),
    base64,
    base64.replace(/=+$/, ""),
    bytes.toString("base64url"),
    bytes.toString("hex"),
  ];
};

/** Every form of a request's header values an echo could repeat: whole, the token after an auth scheme, Basic's decoded user:password. */
export function headerSecrets(headers: Record<string, string>): string[] {
  const secrets = new Set<string>();
  for (const value of Object.values(headers)) {
    secrets.add(value);
    const [scheme, token] = value.trim().split(/\s+/, 2);
    if (!token) continue;
    secrets.add(token);
    if (scheme?.toLowerCase() === "basic") {
      const decoded = Buffer.from(token, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      secrets.add(decoded);
      if (colon >= 0) secrets.add(decoded.slice(colon + 1));
    }
  }
  // The longest first, so a value is cut out whole before a part of it is.
  return [...new Set([...secrets].flatMap(echoForms))]
    .filter((s) => s.trim().length >= MIN_SECRET_CHARS)
    .sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.replace(new RegExp(escapeRegExp(secret), "gi"), "[redacted]");
  return out;
}
