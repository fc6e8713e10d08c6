// Cross-site request forgery defence for cookie-authenticated, state-changing requests.
// SameSite=Lax alone lets a page on another port of the same host ("same site") post with the
// user's cookie, and body-less POSTs need no preflight. Browsers send Sec-Fetch-Site and
// Origin on every such request; a request without either is not from a browser page (curl,
// server-to-server), so it carries no ambient cookie risk.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `trustProxy`: X-Forwarded-Host names the host only when a proxy of ours sets it (TRUST_PROXY). */
export function isCrossSiteRequest(method: string, headers: Headers, trustProxy = false): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = (trustProxy && headers.get("x-forwarded-host")) || headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
