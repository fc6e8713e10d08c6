import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE } from "../auth/session-cookie";
import { validateSession, type SessionUser } from "./sessions";
import { REQUEST_PATH_HEADER, safeReturnPath } from "../auth/return-path";

/** The signed-in user of a page request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  // Pages cannot set cookies; the API calls every page makes renew it (lib/api/route.ts).
  return (await validateSession(jar.get(SESSION_COOKIE)?.value))?.user ?? null;
}

/** Every page calls this itself: the proxy's redirect is only a convenience. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  const path = safeReturnPath((await headers()).get(REQUEST_PATH_HEADER));
  // A cookie was sent (the proxy lets only those through) but it no longer names a session.
  redirect(`/sign-in?expired=1${path ? `&next=${encodeURIComponent(path)}` : ""}`);
}
