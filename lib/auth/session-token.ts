import { createHmac, randomBytes } from "node:crypto";

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The database key of a session: HMAC of the cookie token, so the table alone cannot be replayed. */
export function sessionIdFor(token: string, secret: string): string {
  return createHmac("sha256", secret).update(token).digest("hex");
}
