import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as signInPost } from "@/app/api/auth/sign-in/route";
import { POST as signOutPost } from "@/app/api/auth/sign-out/route";
import { GET as orgsGet } from "@/app/api/organizations/route";
import { db } from "@/lib/db/database";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { SESSION_MAX_AGE_MS, sessionIdFor } from "@/lib/auth/session-token";
import { config } from "@/lib/config/env";
import { call, createWorld, PASSWORD } from "./fixtures";

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

const sessionToken = (setCookie: string | null) => setCookie?.match(new RegExp(`${SESSION_COOKIE}=([^;]*)`))?.[1];

describe("sign-in", () => {
  it("signs in with the right password, case-insensitively by email, into an httpOnly SameSite session", async () => {
    const res = await call(signInPost, { json: { email: world.users.owner.email.toUpperCase(), password: PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    const token = sessionToken(cookie)!;
    expect(token.length).toBeGreaterThan(30);
    // The table stores an HMAC of the token, never the token.
    expect(await db().session.findUnique({ where: { id: token } })).toBeNull();
    expect(
      await db().session.findUnique({ where: { id: sessionIdFor(token, config().sessionSecret) } }),
    ).not.toBeNull();

    const orgs = await call(orgsGet, { token });
    expect(orgs.status).toBe(200);
    expect(orgs.json.organizations).toEqual([expect.objectContaining({ handle: world.orgA.handle, role: "OWNER" })]);
  });

  it("rejects a wrong password and an unknown email with the same message and no cookie", async () => {
    const wrong = await call(signInPost, { json: { email: world.users.member.email, password: "nope" } });
    const unknown = await call(signInPost, { json: { email: "ghost@example.com", password: "nope" } });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.json.error?.message).toBe("Incorrect email or password");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("returns field errors for an invalid email", async () => {
    const res = await call(signInPost, { json: { email: "not-an-email", password: "" } });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error?.fields ?? {})).toEqual(expect.arrayContaining(["email", "password"]));
  });

  it("throttles an email after five failures, even with the right password", async () => {
    const email = world.users.admin.email;
    for (let i = 0; i < 5; i++) {
      expect((await call(signInPost, { json: { email, password: `wrong-${i}` } })).status).toBe(401);
    }
    const blocked = await call(signInPost, { json: { email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error?.code).toBe("rate_limited");
    // The 15-minute window started at the first failure: a slow machine spends a second or more
    // on five scrypt checks, so the time left may already be under 900 s.
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(blocked.headers.get("set-cookie")).toBeNull();
  });
});

describe("sign-in limits", () => {
  const attempt = (email: string, password: string, ip: string) =>
    call(signInPost, { json: { email, password }, headers: { [CLIENT_IP_HEADER]: ip } });

  it("counts concurrent wrong passwords atomically: five are checked, the rest get 429", async () => {
    const email = world.users.member.email;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(email, `nope-${i}`, "198.51.100.1")),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(Number(answers.find((a) => a.status === 429)!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("a stranger's wrong passwords do not lock the owner out", async () => {
    const email = world.users.outsider.email;
    for (let i = 0; i < 6; i++) await attempt(email, `guess-${i}`, "198.51.100.66");
    expect((await attempt(email, "guess-again", "198.51.100.66")).status).toBe(429);
    expect((await attempt(email, PASSWORD, "192.0.2.10")).status).toBe(200);
  });
});

describe("sessions", () => {
  it("signs out by deleting the session server-side", async () => {
    const signedIn = await call(signInPost, { json: { email: world.users.outsider.email, password: PASSWORD } });
    const token = sessionToken(signedIn.headers.get("set-cookie"))!;
    expect((await call(orgsGet, { token })).status).toBe(200);
    const out = await call(signOutPost, { method: "POST", token });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await call(orgsGet, { token })).status).toBe(401);
  });

  it("refuses an expired session and forgets it", async () => {
    const token = world.tokens.member;
    const id = sessionIdFor(token, config().sessionSecret);
    await db().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(orgsGet, { token })).status).toBe(401);
    expect(await db().session.findUnique({ where: { id } })).toBeNull();
  });

  it("ends a session in use 30 days after sign-in, and never renews it past that", async () => {
    const signedIn = await call(signInPost, { json: { email: world.users.outsider.email, password: PASSWORD } });
    const token = sessionToken(signedIn.headers.get("set-cookie"))!;
    const id = sessionIdFor(token, config().sessionSecret);
    const day = 24 * 60 * 60 * 1000;
    // Signed in 29.5 days ago and used all along: renewed only up to its 30th day.
    const createdAt = new Date(Date.now() - SESSION_MAX_AGE_MS + day / 2);
    await db().session.update({ where: { id }, data: { createdAt, expiresAt: new Date(Date.now() + day / 4) } });
    const renewed = await call(orgsGet, { token });
    expect(renewed.status).toBe(200);
    const expiresAt = (await db().session.findUniqueOrThrow({ where: { id } })).expiresAt.getTime();
    expect(expiresAt).toBe(createdAt.getTime() + SESSION_MAX_AGE_MS);
    expect(new Date(renewed.headers.get("set-cookie")!.match(/Expires=([^;]*)/)![1]!).getTime()).toBeLessThanOrEqual(
      expiresAt,
    );
    // Past its 30th day it is refused and forgotten, though its sliding expiry is still ahead.
    await db().session.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - SESSION_MAX_AGE_MS - 1000), expiresAt: new Date(Date.now() + day) },
    });
    expect((await call(orgsGet, { token })).status).toBe(401);
    expect(await db().session.findUnique({ where: { id } })).toBeNull();
  });

  it("refuses a forged token", async () => {
    expect((await call(orgsGet, { token: "forged-token-value-that-is-long-enough" })).status).toBe(401);
  });
});
