import "server-only";
import { db } from "../db/database";
import { AppError } from "../errors";
import { dummyPasswordHash, verifyPassword } from "../auth/password";
import { createSession } from "./sessions";
import type { SignInInput } from "../validation/auth";

// Throttling lives in the database so every app instance sees the same counts.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_IP = 30;

async function assertNotThrottled(email: string, ip: string | null): Promise<void> {
  const since = new Date(Date.now() - WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    db().signInAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    ip ? db().signInAttempt.count({ where: { ipAddress: ip, succeeded: false, createdAt: { gte: since } } }) : 0,
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError("rate_limited", "Too many failed sign-in attempts. Wait 15 minutes and try again.", undefined, {
      "Retry-After": String(WINDOW_MS / 1000),
    });
  }
}

export async function signIn(input: SignInInput, meta: { ip: string | null; userAgent: string | null }) {
  const email = input.email;
  await assertNotThrottled(email, meta.ip);
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  await db().signInAttempt.create({ data: { email, ipAddress: meta.ip, succeeded: ok && !!user } });
  if (!ok || !user) throw new AppError("unauthenticated", "Incorrect email or password");
  return createSession(user.id, meta);
}
