import { apiErrorBody, type ApiErrorBody } from "./api/error-body";

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
    const parsed = apiErrorBody.safeParse(body);
    const err: ApiErrorBody["error"] = parsed.success
      ? parsed.data.error
      : { code: "http_" + res.status, message: `The server answered ${res.status}. Try again.` };
    throw new ApiError(res.status, err.code, err.message, err.fields);
  }
  return body as T;
}
