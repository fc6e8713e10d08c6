import { describe, expect, it } from "vitest";
import { checkOutboundHost } from "./guard";
import { parseAllowList } from "./address-policy";
import { connectionFailure } from "./connection-failure";

// Test connection and drain saves answered "does not resolve" for a name that does not exist
// and "points to a private or reserved network address" for one that resolves inside the
// platform's network (its /etc/hosts, its VPC or cluster DNS and search domains): any drain
// owner could list the platform's internal host names. To the customer both are now one
// answer; operators still get the address in the log.

const none = parseAllowList("");
const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;
const fails = async (): Promise<string[]> => {
  throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
};

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
