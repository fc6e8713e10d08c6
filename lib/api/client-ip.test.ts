import { describe, expect, it } from "vitest";
import { requestClientIp } from "./client-ip";

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
