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

/**
 * The address a per-client limit counts. One IPv6 host is given a whole /64 (and can take any
 * address in it), so IPv6 clients are counted by their /64: counted per address, rotating
 * through it gave unlimited password guesses. IPv4 addresses count as they are.
 */
export function limitAddress(ip: string): string {
  // An IPv4 client seen through an IPv6 socket (::ffff:203.0.113.7) is that IPv4 address.
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
