// proxy.ts copies the requested path into this header so a page that finds no valid session
// can send the user to sign in and then back where they were.
export const REQUEST_PATH_HEADER = "x-request-path";

/** Only same-site absolute paths are followed after sign-in (no open redirects). */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return null;
  return value.length > 2000 ? null : value;
}
