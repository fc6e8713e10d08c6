import "server-only";
import { headers } from "next/headers";
import { config } from "../config/env";

/**
 * The origin the browser used to reach the dashboard, for instructions that name this
 * server's own URLs. Behind a proxy (TRUST_PROXY) its X-Forwarded-Proto/Host are believed.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const trust = config().trustProxy;
  const host = (trust && h.get("x-forwarded-host")) || h.get("host") || "localhost";
  const proto =
    (trust && h.get("x-forwarded-proto")?.split(",")[0]?.trim()) || (config().secureCookies ? "https" : "http");
  return `${proto}://${host}`;
}
