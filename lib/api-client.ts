import type { ApiErrorBody } from "./api/error-body";

/** An API error as the browser sees it: stable code, readable message, per-field messages. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Our own server's error shape (lib/api/error-body.ts). Checked by hand rather than with the
 * zod schema: zod's runtime would then ship to every page for a check of four fields.
 */
function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return false;
  const { code, message, fields } = error as Record<string, unknown>;
  return (
    typeof code === "string" &&
    typeof message === "string" &&
    (fields === undefined ||
      (typeof fields === "object" && fields !== null && Object.values(fields).every((v) => typeof v === "string")))
  );
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: { ...(json !== undefined ? { "Content-Type": "application/json" } : {}), ...rest.headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
  if (res.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/auth/")) {
    const next = window.location.pathname + window.location.search;
    // The session expired mid-page: a full navigation drops every cached query.
    window.location.replace(`/sign-in?expired=1&next=${encodeURIComponent(next)}`);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err: ApiErrorBody["error"] = isErrorBody(body)
      ? body.error
      : { code: "http_" + res.status, message: `The server answered ${res.status}. Try again.` };
    throw new ApiError(res.status, err.code, err.message, err.fields);
  }
  return body as T;
}
