import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { $ZodError, $ZodType, output } from "zod/v4/core";
import { AppError, unauthenticated, type FieldErrors } from "../errors";
import { isDatabaseUnavailable, isUniqueViolation } from "../db/errors";
import { log, errorFields } from "../log";
import { SESSION_COOKIE, sessionCookieOptions } from "../auth/session-cookie";
import { config } from "../config/env";
import { isCrossSiteRequest } from "./cross-site";
import { unstorableText } from "./unstorable-text";
import { validateSession, type SessionUser } from "../server/sessions";
import { clientIp } from "./client-ip";
import { readTextCapped } from "./read-body";
import { DecryptionError } from "../crypto/keyring";

// One wrapper per kind of entry point: it resolves the caller, authorizes coarsely
// (signed in / platform admin), and maps every error to the one JSON error shape.
// Finer checks (organization membership, role) happen in the domain layer's queries.

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type Handler = (req: NextRequest, ctx: RouteContext) => Promise<Response>;

type BaseArgs = { req: NextRequest; params: Record<string, string | string[]>; ip: string | null };
type UserArgs = BaseArgs & { user: SessionUser };

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } },
      { status: err.status, headers: err.headers },
    );
  }
  if (isUniqueViolation(err)) return errorResponse(new AppError("conflict", "That already exists"));
  if (err instanceof DecryptionError) {
    log.error("stored secret failed to decrypt", errorFields(err));
    return errorResponse(
      new AppError(
        "internal",
        "The stored secret key could not be decrypted. Enter the secret key again to replace it.",
      ),
    );
  }
  if (isDatabaseUnavailable(err)) {
    log.error("database unavailable", errorFields(err));
    // Retry-After: the gateway, and any client that honours it, comes back instead of giving up.
    return errorResponse(
      new AppError("unavailable", "The service is temporarily unavailable. Try again shortly.", undefined, {
        "Retry-After": "5",
      }),
    );
  }
  log.error("unhandled error in route handler", errorFields(err));
  return errorResponse(new AppError("internal", "Something went wrong on our side. Try again, or contact support."));
}

/** API answers are per user and may name their drains and keys: no cache keeps a copy. */
function uncached(res: Response): Response {
  if (!res.headers.has("cache-control")) res.headers.set("cache-control", "no-store");
  return res;
}

export function publicRoute(fn: (args: BaseArgs) => Promise<Response>): Handler {
  return async (req, ctx) => {
    try {
      return uncached(await fn({ req, params: await ctx.params, ip: clientIp(req.headers) }));
    } catch (err) {
      return uncached(errorResponse(err));
    }
  };
}

/** Refuses state-changing requests that a page of another site (or port) made with our cookie. */
function assertSameOrigin(req: NextRequest): void {
  if (isCrossSiteRequest(req.method, req.headers, config().trustProxy)) {
    throw new AppError("forbidden", "Cross-site requests are not accepted");
  }
}

/** For endpoints that act on the session cookie without requiring one (sign-in, sign-out). */
export function cookieRoute(fn: (args: BaseArgs) => Promise<Response>): Handler {
  return publicRoute(async (args) => {
    assertSameOrigin(args.req);
    return fn(args);
  });
}

export function userRoute(fn: (args: UserArgs) => Promise<Response>): Handler {
  return cookieRoute(async (args) => {
    const session = await validateSession(args.req.cookies.get(SESSION_COOKIE)?.value);
    if (!session) throw unauthenticated();
    const res = await fn({ ...args, user: session.user });
    // The server extended the session: the browser's cookie must live as long.
    if (session.renewedUntil && res instanceof NextResponse && !res.cookies.has(SESSION_COOKIE)) {
      const token = args.req.cookies.get(SESSION_COOKIE)!.value;
      res.cookies.set(SESSION_COOKIE, token, sessionCookieOptions(config().secureCookies, session.renewedUntil));
    }
    return res;
  });
}

/** Platform admins only; everyone else gets 404, so the area's existence is not confirmed. */
export function adminRoute(fn: (args: UserArgs) => Promise<Response>): Handler {
  return userRoute(async (args) => {
    if (!args.user.isPlatformAdmin) throw new AppError("not_found", "Not found");
    return fn(args);
  });
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Any zod v4 schema, classic or mini, parses with safeParse. */
type SafeParse<S extends $ZodType> = (
  data: unknown,
) => { success: true; data: output<S> } | { success: false; error: $ZodError };

/** Reads a JSON body with a size cap and validates it; 400/413/415/422 as appropriate. */
export async function parseJsonBody<S extends $ZodType & { safeParse: SafeParse<S> }>(
  req: NextRequest,
  schema: S,
  limit = DEFAULT_BODY_LIMIT,
): Promise<output<S>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json");
  }
  const text = await readTextCapped(req, limit);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
  const bad = unstorableText(raw);
  if (bad) throw new AppError("validation_failed", "Some fields need attention", { [bad.path]: bad.problem });
  const result = schema.safeParse(raw);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export function validationError(error: $ZodError): AppError {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return new AppError("validation_failed", "Some fields need attention", fields);
}

/** Route params are untrusted input too: anything malformed is simply "not found". */
export function parseParams<S extends $ZodType & { safeParse: SafeParse<S> }>(
  params: Record<string, string | string[]>,
  schema: S,
  what = "Resource",
): output<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new AppError("not_found", `${what} not found`);
  return result.data;
}
