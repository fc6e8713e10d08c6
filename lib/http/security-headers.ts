// Response headers every answer carries, and the policy of API answers (data, never
// documents). next.config.ts sets them on what Next serves; server.ts on the routes it
// serves directly (lib/api/direct-route.ts), so both paths answer alike.

export type HeaderPair = { key: string; value: string };

export const SECURITY_HEADERS: HeaderPair[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/**
 * Where the dashboard is served over HTTPS (`SECURE_COOKIES`), browsers are told to keep to it
 * for a year, so a later visit cannot be downgraded to plain HTTP on the way. Not for
 * subdomains: they may be served by others.
 */
const HTTPS_ONLY: HeaderPair = { key: "Strict-Transport-Security", value: "max-age=31536000" };

/** What every answer of server.ts carries: the above, and HSTS when served over HTTPS. */
export function answerHeaders(https: boolean): HeaderPair[] {
  return https ? [...SECURITY_HEADERS, HTTPS_ONLY] : SECURITY_HEADERS;
}

/** Pages get a nonce-based policy from proxy.ts; API responses are data, never documents. */
export const API_HEADERS: HeaderPair[] = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];

/** What an API answer served outside Next carries: both of the above. */
export const API_ANSWER_HEADERS: HeaderPair[] = [...SECURITY_HEADERS, ...API_HEADERS];
