import { createHmac, randomBytes } from "node:crypto";

/** A session ends this long after its last use (sliding)… */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** …and this long after sign-in whatever its use, so a stolen cookie kept in use still dies. */
export const SESSION_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The database key of a session: HMAC of the cookie token, so the table alone cannot be replayed. */
export function sessionIdFor(token: string, secret: string): string {
  return createHmac("sha256", secret).update(token).digest("hex");
}
