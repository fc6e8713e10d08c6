// proxy.ts copies the requested path into this header so a page that finds no valid session
// can send the user to sign in and then back where they were.
export const REQUEST_PATH_HEADER = "x-request-path";

const BASE = "https://dashboard.invalid";

/**
 * Only a path on this site is followed after sign-in (no open redirects). The value is read
 * the way a browser reads a Location header (the WHATWG URL parser drops tabs and newlines
 * and treats "\\" as "/"), so "/\t/evil.example" or "/\\evil.example" resolve to another
 * host and are refused; what is returned is the parsed, normalised path.
 */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || value.length > 2000 || !value.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  if (path === "/sign-in" || path.startsWith("/sign-in?") || path.startsWith("/api/")) return null;
  return path;
}
