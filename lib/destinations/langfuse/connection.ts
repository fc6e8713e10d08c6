import { z } from "zod";
import { basicAuth, guardedHttpsRequest } from "../../outbound/https-request";
import { connectionFailure } from "../../outbound/connection-failure";
import type { ConnectionResult } from "../../validation/llm-trace-drains";

// Checks Langfuse credentials with GET {baseUrl}/api/public/projects (not rate limited),
// and turns every failure into a reason a customer can act on. Messages never repeat keys.

const projectsBody = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string() }).loose()).min(1),
});

export type LangfuseCredentials = { baseUrl: string; publicKey: string; secretKey: string };

export async function checkLangfuseConnection(
  input: LangfuseCredentials,
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
    return connectionFailure(err, url.host, "Base URL");
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
  return {
    ok: true,
    projectName: project.name,
    projectId: project.id,
    message: `Connected to Langfuse project “${project.name}”.`,
  };
}
