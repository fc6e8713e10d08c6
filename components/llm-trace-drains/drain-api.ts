import { apiFetch } from "@/lib/api-client";
import type {
  ConnectionResult,
  CreateDrainInput,
  DrainView,
  TestConnectionInput,
} from "@/lib/validation/llm-trace-drains";

// Drain requests a page without React Query makes too (the new-drain form); use-drains.ts
// wraps the same functions in its mutations, so each request is written once.

export const drainsApiPath = (environmentId: string) => `/api/environments/${environmentId}/llm-trace-drains`;
/** The drain list's cache key (use-drains.ts), also invalidated by the new-drain form. */
export const drainsKey = (environmentId: string) => ["llm-trace-drains", environmentId] as const;

export function createDrain(environmentId: string, input: CreateDrainInput): Promise<DrainView> {
  return apiFetch<{ drain: DrainView }>(drainsApiPath(environmentId), { method: "POST", json: input }).then(
    (r) => r.drain,
  );
}

/** Tests typed-in credentials (no drainId) or a saved drain's stored ones. */
export function testConnection(
  environmentId: string,
  input?: TestConnectionInput,
  drainId?: string,
): Promise<ConnectionResult> {
  const base = drainsApiPath(environmentId);
  return apiFetch<{ result: ConnectionResult }>(
    drainId ? `${base}/${drainId}/test-connection` : `${base}/test-connection`,
    {
      method: "POST",
      ...(input ? { json: input } : {}),
    },
  ).then((r) => r.result);
}
