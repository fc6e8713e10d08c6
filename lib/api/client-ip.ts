// server.ts replaces any client-sent x-client-ip with the socket's address (or, behind a
// trusted proxy, the address the proxy appended to X-Forwarded-For), so it can be believed.
export const CLIENT_IP_HEADER = "x-client-ip";

export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER);
}

/**
 * The client's address as server.ts records it. Behind a proxy, the client is the last
 * X-Forwarded-For entry, the one the proxy appended: earlier entries are whatever the client
 * sent, so throttling and the audit log never use them.
 */
export function requestClientIp(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  trustProxy: boolean,
): string {
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",");
  const last = hops[hops.length - 1]?.trim();
  return ((trustProxy && last) || socketAddress || "").replace(/^::ffff:/, "");
}
