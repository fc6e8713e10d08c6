import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors";

// Which failures mean "the database is not there right now" (503, retry), found anywhere
// in the cause chain, whether pg, PGlite or Prisma's driver adapter raised them.

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a server shutting down", Object.assign(new Error("the database system is shutting down"), { code: "57P03" })],
    [
      "a read-only database",
      Object.assign(new Error("cannot execute INSERT in a read-only transaction"), { code: "25006" }),
    ],
    ["a broken pooled client", new Error("Client has encountered a connection error and is not queryable")],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["Prisma's adapter, by kind", new Error("Invalid invocation", { cause: { kind: "ConnectionClosed" } })],
    ["Prisma's adapter, by original code", new Error("x", { cause: { originalCode: "57P01" } })],
    [
      "a Prisma request error naming the code in its message (seen in the soak's PostgreSQL restarts)",
      Object.assign(
        new Error(
          "\nInvalid `prisma.llmKey.findMany()` invocation:\n\n\nDatabase error. Code: `57P01`. Message: `terminating connection due to administrator command`",
        ),
        { code: "P2010" },
      ),
    ],
  ])("recognises %s", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505" })],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["a constraint by kind", new Error("x", { cause: { kind: "UniqueConstraintViolation" } })],
    [
      "a Prisma request error naming another code",
      new Error("Database error. Code: `23505`. Message: `duplicate key`"),
    ],
  ])("does not take %s for an outage", (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
