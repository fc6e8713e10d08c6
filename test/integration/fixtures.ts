import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { db } from "@/lib/db/database";
import { hashPassword } from "@/lib/auth/password";
import { createSession } from "@/lib/server/sessions";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { CLIENT_IP_HEADER } from "@/lib/api/client-ip";
import type { Handler } from "@/lib/api/route";

export const PASSWORD = "correct horse battery staple";

/** Two organizations, each with an environment and a key, and one user per role we test. */
export async function createWorld() {
  const suffix = randomBytes(3).toString("hex");
  const passwordHash = await hashPassword(PASSWORD);
  const user = (name: string, isPlatformAdmin = false) =>
    db().user.create({ data: { email: `${name}-${suffix}@example.com`, name, passwordHash, isPlatformAdmin } });
  const [owner, member, outsider, admin] = await Promise.all([
    user("owner"),
    user("member"),
    user("outsider"),
    user("admin", true),
  ]);

  const orgA = await db().organization.create({ data: { handle: `org-a-${suffix}`, name: "Org A" } });
  const orgB = await db().organization.create({ data: { handle: `org-b-${suffix}`, name: "Org B" } });
  await db().membership.createMany({
    data: [
      { userId: owner.id, organizationId: orgA.id, role: "OWNER" },
      { userId: member.id, organizationId: orgA.id, role: "MEMBER" },
      { userId: outsider.id, organizationId: orgB.id, role: "OWNER" },
    ],
  });
  const envA = await db().environment.create({ data: { organizationId: orgA.id, handle: "production" } });
  const envB = await db().environment.create({ data: { organizationId: orgB.id, handle: "production" } });
  const session = async (userId: string) =>
    (await createSession(userId, { ip: "127.0.0.1", userAgent: "vitest" })).token;
  return {
    orgA,
    orgB,
    envA,
    envB,
    users: { owner, member, outsider, admin },
    tokens: {
      owner: await session(owner.id),
      member: await session(member.id),
      outsider: await session(outsider.id),
      admin: await session(admin.id),
    },
  };
}

type CallOptions = {
  method?: string;
  params?: Record<string, string>;
  token?: string;
  json?: unknown;
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  path?: string;
};

/** Calls a route handler the way Next does, with an optional session cookie. */
export async function call(handler: Handler, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (!headers.has(CLIENT_IP_HEADER)) headers.set(CLIENT_IP_HEADER, "203.0.113.7");
  if (options.token) headers.set("cookie", `${SESSION_COOKIE}=${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("content-type", "application/json");
  }
  const req = new NextRequest(new URL(options.path ?? "/api/test", "http://localhost"), {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    body,
  });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: json as Record<string, unknown> & {
      error?: { code: string; message: string; fields?: Record<string, string> };
    },
  };
}
