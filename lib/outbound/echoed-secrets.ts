// A destination's answer is stored and shown to every member of the organization (deliveries,
// health, Test connection). A server, proxy or firewall that echoes the request's headers
// would put the drain's write-only credentials there: they are cut out before anything keeps
// or shows the answer.

const MIN_SECRET_CHARS = 6;

/**
 * The ways an echo may write a value: as sent, escaped inside a JSON string (an echo service
 * answering with the request as JSON writes `"` and `\` escaped), and percent-encoded.
 */
const echoForms = (value: string) => [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];

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

export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out;
}
