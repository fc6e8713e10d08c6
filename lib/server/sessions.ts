import "server-only";
import { db } from "../db/database";
import { config } from "../config/env";
import { newSessionToken, sessionIdFor, SESSION_MAX_AGE_MS, SESSION_TTL_MS } from "../auth/session-token";

export type SessionUser = { id: string; email: string; name: string; isPlatformAdmin: boolean };

export async function createSession(userId: string, meta: { ip: string | null; userAgent: string | null }) {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db().session.create({
    data: {
      id: sessionIdFor(token, config().sessionSecret),
      userId,
      expiresAt,
      ipAddress: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
  return { token, expiresAt };
}

/**
 * Resolves a cookie token to its user, or null when it is unknown or expired.
 * Sliding expiry: a session used in the second half of its life is extended, and the caller
 * is told so (`renewedUntil`) to renew the cookie; never beyond SESSION_MAX_AGE_MS after
 * sign-in, when the user signs in again.
 */
export async function validateSession(
  token: string | undefined,
): Promise<{ user: SessionUser; renewedUntil: Date | null } | null> {
  if (!token || token.length > 100) return null;
  const id = sessionIdFor(token, config().sessionSecret);
  const session = await db().session.findUnique({
    where: { id },
    select: {
      createdAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, isPlatformAdmin: true } },
    },
  });
  if (!session) return null;
  const now = Date.now();
  const endOfLife = session.createdAt.getTime() + SESSION_MAX_AGE_MS;
  if (session.expiresAt.getTime() <= now || endOfLife <= now) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  const renewTo = Math.min(now + SESSION_TTL_MS, endOfLife);
  if (session.expiresAt.getTime() - now < SESSION_TTL_MS / 2 && renewTo > session.expiresAt.getTime()) {
    const renewedUntil = new Date(renewTo);
    await db().session.update({ where: { id }, data: { expiresAt: renewedUntil, lastSeenAt: new Date(now) } });
    return { user: session.user, renewedUntil };
  }
  return { user: session.user, renewedUntil: null };
}

export async function deleteSession(token: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sessionIdFor(token, config().sessionSecret) } });
}
