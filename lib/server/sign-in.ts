import "server-only";
import { db } from "../db/database";
import { AppError } from "../errors";
import { dummyPasswordHash, verifyPassword } from "../auth/password";
import { createSession } from "./sessions";
import { consumeLimit, resetLimit } from "./rate-limits";
import type { SignInInput } from "../validation/auth";
import { limitAddress } from "../api/client-ip";

// Every attempt is counted before the password is checked, atomically, per address (an IPv6
// client's /64) and per address-and-account: twenty wrong passwords sent at once get five answers and fifteen 429s,
// and a stranger's failures never lock the owner out from the owner's own address.

const TOO_MANY = "Too many sign-in attempts. Wait a few minutes and try again.";

export async function signIn(input: SignInInput, meta: { ip: string | null; userAgent: string | null }) {
  const email = input.email;
  const ip = limitAddress(meta.ip ?? "unknown");
  await consumeLimit("signInIp", ip, TOO_MANY);
  await consumeLimit("signInAccountFromIp", `${ip}|${email}`, TOO_MANY);
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!ok || !user) throw new AppError("unauthenticated", "Incorrect email or password");
  await resetLimit("signInAccountFromIp", `${ip}|${email}`);
  return createSession(user.id, meta);
}
