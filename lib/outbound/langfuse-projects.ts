import { z } from "zod";
import { OutboundBlockedError } from "./guard";
import { basicAuth, guardedHttpsRequest } from "./https-request";
import type { ConnectionResult, TestConnectionInput } from "../validation/llm-trace-drains";

// Checks Langfuse credentials with GET {baseUrl}/api/public/projects (not rate limited),
// and turns every failure into a reason a customer can act on. Messages never repeat keys.

const projectsBody = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string() }).loose()).min(1),
});

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH|ERR_TLS/;

export async function checkLangfuseConnection(
  input: TestConnectionInput,
  timeoutMs = 10_000,
): Promise<ConnectionResult> {
  const url = new URL(`${input.baseUrl}/api/public/projects`);
  let res;
  try {
    res = await guardedHttpsRequest(url, {
      method: "GET",
      headers: { Authorization: basicAuth(input.publicKey, input.secretKey), Accept: "application/json" },
      timeoutMs,
    });
  } catch (err) {
    return networkFailure(err, url.host);
  }
  if (res.status === 401) {
    return {
      ok: false,
      reason: "invalid_keys",
      httpStatus: 401,
      message:
        "Langfuse rejected the keys. Check the public and secret key, and that they belong to a project on this host.",
    };
  }
  if (res.status === 403) {
    return {
      ok: false,
      reason: /organization/i.test(res.body) ? "organization_key" : "forbidden",
      httpStatus: 403,
      message: /organization/i.test(res.body)
        ? "These are organization keys. Use a project's API keys (Project settings → API Keys)."
        : "Langfuse refused access with these keys (403). Use a project's API keys, and check the project is not suspended.",
    };
  }
  if (res.status >= 300 && res.status < 400) {
    return {
      ok: false,
      reason: "not_langfuse",
      httpStatus: res.status,
      message: `The host answered with a redirect (${res.status}). Enter the exact Langfuse Base URL.`,
    };
  }
  if (res.status !== 200) {
    return {
      ok: false,
      reason: "not_langfuse",
      httpStatus: res.status,
      message: `The host answered ${res.status}. Is this the Langfuse Base URL?`,
    };
  }
  let parsed;
  try {
    parsed = projectsBody.safeParse(JSON.parse(res.body));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) {
    return {
      ok: false,
      reason: "not_langfuse",
      httpStatus: 200,
      message: "The host answered, but not like Langfuse. Check the Base URL.",
    };
  }
  const project = parsed.data.data[0]!;
  return { ok: true, projectName: project.name, projectId: project.id };
}

function networkFailure(err: unknown, host: string): ConnectionResult {
  if (err instanceof OutboundBlockedError) {
    return err.reason === "unresolvable"
      ? { ok: false, reason: "unreachable", message: `${host} does not resolve. Check the Base URL.` }
      : {
          ok: false,
          reason: "blocked",
          message: `${host} points to a private or reserved network address, which drains may not reach.`,
        };
  }
  const e = err as { code?: string; name?: string; message?: string };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "ABORT_ERR" || e.code === "ETIMEDOUT") {
    return { ok: false, reason: "timeout", message: `${host} did not answer in time.` };
  }
  if ((e.code && TLS_CODES.test(e.code)) || (e.message && /certificate|TLS|SSL/i.test(e.message))) {
    return {
      ok: false,
      reason: "tls",
      message: `The TLS connection to ${host} failed (${e.code ?? "certificate problem"}). Langfuse must present a valid certificate.`,
    };
  }
  return { ok: false, reason: "unreachable", message: `Could not connect to ${host}${e.code ? ` (${e.code})` : ""}.` };
}
