import net from "node:net";

// Which addresses a customer-supplied URL may reach. Everything that is not the public
// internet is refused unless the operator allowlists it (OUTBOUND_ALLOWED_HOSTS).

// Separate lists per family: Node's BlockList matches IPv4 addresses against IPv6 rules
// through their IPv4-mapped form, so ::ffff:0:0/96 in one list would block every IPv4.
const blockedV4 = new net.BlockList();
const blockedV6 = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blockedV4.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0", 96], // IPv4-mapped
  ["::ffff:0:0:0", 96], // IPv4-translated
  ["::", 96], // IPv4-compatible (deprecated)
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) {
  blockedV6.addSubnet(prefix, bits, "ipv6");
}

export type AllowList = { hosts: Set<string>; networks: net.BlockList; empty: boolean };

/** Parses OUTBOUND_ALLOWED_HOSTS: comma-separated host names, IP addresses or CIDRs. */
const HOST_NAME =
  /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)*\.?$/;

/** Throws on an entry that is not a host name, an IP address or a CIDR network. */
export function parseAllowList(spec: string | undefined): AllowList {
  const hosts = new Set<string>();
  const networks = new net.BlockList();
  let empty = true;
  for (const raw of (spec ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    empty = false;
    const [addr, bits] = raw.split("/");
    const family = net.isIP(addr ?? "");
    if (family && bits !== undefined) {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 6 ? 128 : 32)) throw new Error(`not a network: ${raw}`);
      networks.addSubnet(addr!, prefix, family === 6 ? "ipv6" : "ipv4");
    } else if (family) networks.addAddress(addr!, family === 6 ? "ipv6" : "ipv4");
    else if (HOST_NAME.test(raw)) hosts.add(raw.replace(/\.$/, ""));
    else throw new Error(`not a host name, address or network: ${raw}`);
  }
  return { hosts, networks, empty };
}

function family(address: string): "ipv4" | "ipv6" | null {
  const f = net.isIP(address);
  return f === 4 ? "ipv4" : f === 6 ? "ipv6" : null;
}

export function isAllowedAddress(address: string, allow: AllowList): boolean {
  const f = family(address);
  return f !== null && !allow.empty && allow.networks.check(address, f);
}

/** True for any address outside the public internet. Non-IP input counts as blocked. */
export function isBlockedAddress(address: string): boolean {
  const f = family(address);
  if (!f) return true;
  return f === "ipv4" ? blockedV4.check(address, "ipv4") : blockedV6.check(address, "ipv6");
}

/** Host names refused before any DNS lookup. */
export function isBlockedHostname(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return (
    h === "localhost" ||
    h.endsWith(".localhost") ||
    h.endsWith(".internal") ||
    h.endsWith(".local") ||
    h === "metadata.google.internal"
  );
}
