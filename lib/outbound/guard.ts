import dns from "node:dns";
import net from "node:net";
import { log } from "../log";
import {
  isAllowedAddress,
  isBlockedAddress,
  isBlockedHostname,
  parseAllowList,
  type AllowList,
} from "./address-policy";

// The SSRF guard. It runs when a URL is saved (checkOutboundHost) and again at connect
// time (guardedLookup, used as the socket's DNS lookup), so a name that resolves to a
// public address at save time and to an internal one later (DNS rebinding) is refused.

export class OutboundBlockedError extends Error {
  override name = "OutboundBlockedError";
  constructor(
    message: string,
    readonly reason: "blocked_host" | "blocked_address" | "unresolvable",
  ) {
    super(message);
  }
}

let cached: { spec: string | undefined; list: AllowList } | undefined;
export function allowList(): AllowList {
  const spec = process.env.OUTBOUND_ALLOWED_HOSTS;
  if (!cached || cached.spec !== spec) cached = { spec, list: parseAllowList(spec) };
  return cached.list;
}

type Resolver = (host: string) => Promise<string[]>;
const systemResolver: Resolver = async (host) =>
  (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

function hostWithoutBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * Resolves the host and checks every address. Returns the addresses; throws
 * OutboundBlockedError when any is internal or the name does not resolve (fail closed).
 */
export async function checkOutboundHost(
  rawHost: string,
  resolve: Resolver = systemResolver,
  allow: AllowList = allowList(),
): Promise<string[]> {
  const host = hostWithoutBrackets(rawHost.toLowerCase()).replace(/\.$/, "");
  const allowedByName = allow.hosts.has(host);
  if (net.isIP(host)) {
    if (allowedByName) return [host];
    if (isBlockedAddress(host) && !isAllowedAddress(host, allow)) {
      throw new OutboundBlockedError(`${host} is a private or reserved address`, "blocked_address");
    }
    return [host];
  }
  if (!allowedByName && isBlockedHostname(host))
    throw new OutboundBlockedError(`${host} is an internal host name`, "blocked_host");
  // One answer for a name that does not exist and one that resolves only inside our network
  // (below): told apart, they let any drain owner list the platform's internal host names.
  const unresolvable = () => new OutboundBlockedError(`${host} does not resolve to a public address`, "unresolvable");
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    throw unresolvable();
  }
  if (addresses.length === 0) throw unresolvable();
  if (allowedByName) return addresses;
  const bad = addresses.find((a) => isBlockedAddress(a) && !isAllowedAddress(a, allow));
  if (bad) {
    // The address is for operators only: drain owners and members see the message, and an
    // internal address, or that the name exists inside our network, is not theirs to learn.
    // Refused like a name that does not resolve (a drain saved anyway is refused at every connection).
    log.warn("outbound host refused", { host, address: bad });
    throw unresolvable();
  }
  return addresses;
}

/**
 * Sockets skip `lookup` for IP-literal hosts, so guardedLookup never sees them: every
 * request to a customer URL calls this before connecting.
 */
export async function checkLiteralHost(url: URL): Promise<void> {
  if (net.isIP(hostWithoutBrackets(url.hostname))) await checkOutboundHost(url.hostname);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for http(s) agents and sockets that applies the guard to every connection. */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  checkOutboundHost(hostname)
    .then((addresses) => {
      const entries = addresses.map((address) => ({ address, family: net.isIP(address) }));
      if (options.all) callback(null, entries);
      else callback(null, entries[0]!.address, entries[0]!.family);
    })
    .catch((err: unknown) => callback(err as NodeJS.ErrnoException, "", 0));
}
