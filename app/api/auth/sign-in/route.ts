import { NextResponse } from "next/server";
import { cookieRoute, parseJsonBody } from "@/lib/api/route";
import { signInInput } from "@/lib/validation/auth";
import { signIn } from "@/lib/server/sign-in";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { config } from "@/lib/config/env";

export const POST = cookieRoute(async ({ req, ip }) => {
  const input = await parseJsonBody(req, signInInput, 16 * 1024);
  const session = await signIn(input, { ip, userAgent: req.headers.get("user-agent") });
  const res = NextResponse.json({ ok: true });
  res.cookies.set(SESSION_COOKIE, session.token, sessionCookieOptions(config().secureCookies, session.expiresAt));
  return res;
});
