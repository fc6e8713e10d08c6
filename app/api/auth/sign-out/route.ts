import { NextResponse } from "next/server";
import { cookieRoute } from "@/lib/api/route";
import { deleteSession } from "@/lib/server/sessions";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { config } from "@/lib/config/env";

export const POST = cookieRoute(async ({ req }) => {
  const token = req.cookies.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession(token);
  const res = NextResponse.json({ ok: true });
  res.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(config().secureCookies, new Date(0)));
  return res;
});
