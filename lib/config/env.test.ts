import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig, ConfigError } from "./env";

const KEYS = "v1:" + Buffer.alloc(32, 7).toString("base64");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cfg-"));

describe("parseConfig", () => {
  it("defaults to the embedded database under ./data on port 3000", () => {
    const cfg = parseConfig({ SESSION_SECRET: "s".repeat(40), DRAIN_ENCRYPTION_KEYS: KEYS });
    expect(cfg.port).toBe(3000);
    expect(cfg.database).toEqual({ kind: "pglite", dataDir: path.resolve("./data/pglite") });
    expect(cfg.seedDemoData).toBe(true);
  });

  it("uses PostgreSQL when DATABASE_URL is a postgres URL, and then seeds nothing by default", () => {
    const cfg = parseConfig({
      DATABASE_URL: "postgresql://u@db:5432/app",
      SESSION_SECRET: "s".repeat(40),
      DRAIN_ENCRYPTION_KEYS: KEYS,
    });
    expect(cfg.database).toEqual({ kind: "postgres", url: "postgresql://u@db:5432/app" });
    expect(cfg.seedDemoData).toBe(false);
  });

  it("explains every invalid variable at once", () => {
    expect(() => parseConfig({ PORT: "99999", DATABASE_URL: "mysql://x", SESSION_SECRET: "short" })).toThrow(
      ConfigError,
    );
    try {
      parseConfig({ PORT: "99999", DATABASE_URL: "mysql://x", SESSION_SECRET: "short" });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL: must be a postgres/);
      expect(message).toMatch(/SESSION_SECRET: must be at least 32/);
      expect(message).not.toContain("short");
    }
  });

  it("names every problem, the allowlist and numbers included, in words", () => {
    const message = (() => {
      try {
        parseConfig({ PORT: "abc", SESSION_SECRET: "short", OUTBOUND_ALLOWED_HOSTS: "10.0.0.0/99, not a host!!" });
      } catch (err) {
        return (err as Error).message;
      }
      return "";
    })();
    expect(message).toMatch(/PORT: must be a port number/);
    expect(message).toMatch(/SESSION_SECRET: must be at least 32/);
    expect(message).toMatch(/OUTBOUND_ALLOWED_HOSTS: use comma-separated .*not a network: 10.0.0.0\/99/);
    expect(() =>
      parseConfig({ DATA_DIR: tmp(), DRAIN_ENCRYPTION_KEYS: KEYS, OUTBOUND_ALLOWED_HOSTS: "not a host!!" }),
    ).toThrow(/OUTBOUND_ALLOWED_HOSTS: .*not a host name/);
    expect(
      parseConfig({
        DATA_DIR: tmp(),
        DRAIN_ENCRYPTION_KEYS: KEYS,
        OUTBOUND_ALLOWED_HOSTS: "langfuse.internal, localhost, 10.0.0.0/8, fd00::/8, 192.168.1.20",
      }).port,
    ).toBe(3000);
  });

  it("requires SESSION_SECRET in production with an external database", () => {
    expect(() => parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://x@y/z", DATA_DIR: tmp() })).toThrow(
      /SESSION_SECRET: required in production/,
    );
  });

  it("requires DRAIN_ENCRYPTION_KEYS in production with an external database", () => {
    expect(() =>
      parseConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://x@y/z", SESSION_SECRET: "s".repeat(40) }),
    ).toThrow(/DRAIN_ENCRYPTION_KEYS: required in production/);
  });

  it("rejects a malformed keyring and allowlist with the variable's name", () => {
    expect(() => parseConfig({ DATA_DIR: tmp(), DRAIN_ENCRYPTION_KEYS: "v1:short" })).toThrow(
      /DRAIN_ENCRYPTION_KEYS: key v1 must be 32 bytes/,
    );
    expect(() =>
      parseConfig({ DATA_DIR: tmp(), DRAIN_ENCRYPTION_KEYS: KEYS, OUTBOUND_ALLOWED_HOSTS: "10.0.0.0/99" }),
    ).toThrow(/OUTBOUND_ALLOWED_HOSTS/);
  });

  it("generates a drain keyring once into DATA_DIR with 0600 permissions and reuses it", () => {
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir }).drainKeyring;
    expect(fs.statSync(path.join(dir, "drain-encryption-keys")).mode & 0o777).toBe(0o600);
    expect(first.current).toBe("v1");
    expect(parseConfig({ DATA_DIR: dir }).drainKeyring.keys.get("v1")).toEqual(first.keys.get("v1"));
  });

  it("generates a session secret once into DATA_DIR with 0600 permissions and reuses it", () => {
    const dir = tmp();
    const first = parseConfig({ DATA_DIR: dir }).sessionSecret;
    const file = path.join(dir, "session-secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(parseConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
  });
});
