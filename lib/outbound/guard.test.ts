import { describe, expect, it } from "vitest";
import { checkOutboundHost, OutboundBlockedError } from "./guard";
import { parseAllowList } from "./address-policy";
import { connectionFailure } from "./connection-failure";

const none = parseAllowList("");
const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;
const fails = async (): Promise<string[]> => {
  throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
};

/** The hostname the WHATWG URL parser gives, as the guard sees it after validation. */
const hostOf = (url: string) => new URL(url).hostname;

describe("SSRF guard: literal addresses", () => {
  it.each([
    ["https://127.0.0.1/", "loopback"],
    ["https://0.0.0.0/", "this network"],
    ["https://10.1.2.3/", "private 10/8"],
    ["https://172.16.0.1/", "private 172.16/12"],
    ["https://172.31.255.255/", "private 172.16/12 upper edge"],
    ["https://192.168.1.1/", "private 192.168/16"],
    ["https://100.64.0.1/", "CGNAT"],
    ["https://169.254.169.254/", "cloud metadata / link-local"],
    ["https://192.0.0.8/", "IETF protocol assignments"],
    ["https://192.0.2.1/", "TEST-NET-1"],
    ["https://198.18.0.1/", "benchmarking"],
    ["https://198.51.100.1/", "TEST-NET-2"],
    ["https://203.0.113.1/", "TEST-NET-3"],
    ["https://224.0.0.1/", "multicast"],
    ["https://240.0.0.1/", "reserved"],
    ["https://255.255.255.255/", "broadcast"],
    ["https://2130706433/", "decimal spelling of 127.0.0.1"],
    ["https://0177.0.0.1/", "octal spelling of 127.0.0.1"],
    ["https://0x7f.0.0.1/", "hex spelling of 127.0.0.1"],
    ["https://127.1/", "short spelling of 127.0.0.1"],
    ["https://[::1]/", "IPv6 loopback"],
    ["https://[::]/", "IPv6 unspecified"],
    ["https://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
    ["https://[::ffff:a9fe:a9fe]/", "IPv4-mapped metadata"],
    ["https://[::ffff:0:7f00:1]/", "IPv4-translated loopback"],
    ["https://[fc00::1]/", "unique local"],
    ["https://[fd12:3456::1]/", "unique local fd"],
    ["https://[fe80::1]/", "link-local"],
    ["https://[ff02::1]/", "multicast"],
    ["https://[64:ff9b::7f00:1]/", "NAT64"],
    ["https://[2001:db8::1]/", "documentation"],
    ["https://[2002:7f00:1::]/", "6to4"],
  ])("%s is refused (%s)", async (url) => {
    await expect(checkOutboundHost(hostOf(url), resolvesTo(), none)).rejects.toMatchObject({
      reason: "blocked_address",
    });
  });

  it.each(["https://8.8.8.8/", "https://[2606:4700::1111]/", "https://172.32.0.1/"])("%s is allowed", async (url) => {
    await expect(checkOutboundHost(hostOf(url), resolvesTo(), none)).resolves.toHaveLength(1);
  });
});

describe("SSRF guard: host names", () => {
  it.each(["localhost", "api.localhost", "metadata.internal", "printer.local"])(
    "%s is refused without a lookup",
    async (host) => {
      await expect(checkOutboundHost(host, fails, none)).rejects.toMatchObject({ reason: "blocked_host" });
    },
  );

  it("refuses a name when any of its addresses is internal, without naming the address", async () => {
    const refused = checkOutboundHost("mixed.example.com", resolvesTo("93.184.216.34", "10.0.0.5"), none);
    // Refused like a name that does not resolve: that it exists inside our network is not theirs to learn either.
    await expect(refused).rejects.toMatchObject({ reason: "unresolvable" });
    // The message reaches drain members (deliveries, health): an internal address is not theirs to learn.
    await expect(refused).rejects.not.toThrow(/10\.0\.0\.5/);
  });

  it("fails closed when the name does not resolve", async () => {
    await expect(checkOutboundHost("nope.invalid", fails, none)).rejects.toMatchObject({ reason: "unresolvable" });
    await expect(checkOutboundHost("empty.example.com", resolvesTo(), none)).rejects.toBeInstanceOf(
      OutboundBlockedError,
    );
  });

  it("allows a name that resolves only to public addresses", async () => {
    await expect(checkOutboundHost("cloud.langfuse.com", resolvesTo("35.0.0.1"), none)).resolves.toEqual(["35.0.0.1"]);
  });
});

describe("SSRF guard: operator allowlist", () => {
  const allow = parseAllowList("langfuse.corp.example, 10.20.0.0/16, 127.0.0.1, localhost");

  it("admits allowlisted names, addresses and networks", async () => {
    await expect(checkOutboundHost("langfuse.corp.example", resolvesTo("10.9.9.9"), allow)).resolves.toEqual([
      "10.9.9.9",
    ]);
    await expect(checkOutboundHost("10.20.3.4", resolvesTo(), allow)).resolves.toEqual(["10.20.3.4"]);
    await expect(checkOutboundHost("internal-lf.example.com", resolvesTo("10.20.0.7"), allow)).resolves.toEqual([
      "10.20.0.7",
    ]);
    await expect(checkOutboundHost("localhost", resolvesTo("127.0.0.1"), allow)).resolves.toEqual(["127.0.0.1"]);
  });

  it("still refuses what it does not list", async () => {
    await expect(checkOutboundHost("10.21.0.1", resolvesTo(), allow)).rejects.toMatchObject({
      reason: "blocked_address",
    });
    await expect(checkOutboundHost("other.example.com", resolvesTo("10.9.9.9"), allow)).rejects.toMatchObject({
      reason: "unresolvable",
    });
  });
});

// Test connection and drain saves answered "does not resolve" for a name that does not exist
// and "points to a private or reserved network address" for one that resolves inside the
// platform's network (its /etc/hosts, its VPC or cluster DNS and search domains): any drain
// owner could list the platform's internal host names. To the customer both are now one
// answer; operators still get the address in the log.

async function refusal(host: string, resolve: () => Promise<string[]>) {
  try {
    await checkOutboundHost(host, resolve, none);
  } catch (err) {
    return { error: err as Error & { reason: string }, shown: connectionFailure(err, host, "Base URL") };
  }
  throw new Error(`${host} was allowed`);
}

describe("internal host names", () => {
  it("are refused exactly like names that do not exist", async () => {
    const internal = await refusal("redis", resolvesTo("10.0.0.5"));
    const missing = await refusal("redis", fails);
    expect(internal.error.reason).toBe(missing.error.reason);
    expect(internal.error.message).toBe(missing.error.message);
    expect(internal.shown).toEqual(missing.shown);
  });

  it("an IP address typed in is still refused as private (it reveals nothing)", async () => {
    await expect(checkOutboundHost("10.0.0.5", fails, none)).rejects.toMatchObject({ reason: "blocked_address" });
  });
});
