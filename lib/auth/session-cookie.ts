// Kept free of Node imports: proxy.ts reads the cookie name too.
export const SESSION_COOKIE = "tdash_session";

export function sessionCookieOptions(secure: boolean, expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", expires };
}
