import { describe, expect, it } from "vitest";
import { limitAddress, requestClientIp } from "./client-ip";

describe("the client address", () => {
  it("is the socket's, whatever X-Forwarded-For says, unless a proxy is trusted", () => {
    expect(requestClientIp("6.6.6.6", "::ffff:198.51.100.7", false)).toBe("198.51.100.7");
  });

  it("behind a trusted proxy is the entry the proxy appended, not one the client sent", () => {
    // nginx's proxy_add_x_forwarded_for keeps the client's header and appends the real address.
    expect(requestClientIp("203.0.113.9, 10.9.9.9, 198.51.100.7", "10.0.0.2", true)).toBe("198.51.100.7");
    expect(requestClientIp(["6.6.6.6", "198.51.100.7"], "10.0.0.2", true)).toBe("198.51.100.7");
  });

  it("falls back to the socket when the proxy sent no header", () => {
    expect(requestClientIp(undefined, "10.0.0.2", true)).toBe("10.0.0.2");
    expect(requestClientIp("", "10.0.0.2", true)).toBe("10.0.0.2");
  });
});

describe("the address a limit counts", () => {
  it("is an IPv4 address as it is, also when seen through an IPv6 socket", () => {
    expect(limitAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(limitAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("is the /64 of an IPv6 address, however it is written", () => {
    const net = "2001:db8:1:2::/64";
    for (const ip of [
      "2001:db8:1:2::1",
      "2001:0db8:0001:0002:ffff:1:2:3",
      "2001:DB8:1:2:a::",
      "2001:db8:1:2::7%eth0",
    ]) {
      expect(limitAddress(ip)).toBe(net);
    }
    expect(limitAddress("2001:db8:1:3::1")).not.toBe(net);
    expect(limitAddress("::1")).toBe("0:0:0:0::/64");
  });
});
