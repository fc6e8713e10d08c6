"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { DrainView, TestConnectionInput, UpdateDrainInput } from "@/lib/validation/llm-trace-drains";
import type { DrainDeliveries, DrainHealth, TestTraceResult } from "@/lib/validation/drain-health";
import { drainsApiPath as base, drainsKey, testConnection } from "./drain-api";

export type DrainList = { drains: DrainView[]; health: Record<string, DrainHealth> };

export function useDrains(environmentId: string, initialData?: DrainList) {
  return useQuery({
    queryKey: drainsKey(environmentId),
    queryFn: () => apiFetch<DrainList>(base(environmentId)),
    initialData,
    refetchInterval: 10_000,
  });
}

const deliveriesKey = (drainId: string) => ["llm-trace-drain-deliveries", drainId] as const;

export function useDrainHealth(environmentId: string, drainId: string, initialData: DrainHealth) {
  return useQuery({
    queryKey: ["llm-trace-drain-health", drainId],
    queryFn: () => apiFetch<{ health: DrainHealth }>(`${base(environmentId)}/${drainId}/health`).then((r) => r.health),
    initialData,
    refetchInterval: 5_000,
  });
}

export function useRetryDeliveries(environmentId: string, drainId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<{ result: { requeued: number } }>(`${base(environmentId)}/${drainId}/retry`, { method: "POST" }).then(
        (r) => r.result,
      ),
    // The dead letters it requeued leave the Recent deliveries list at once, not at its next poll.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["llm-trace-drain-health", drainId] }),
        client.invalidateQueries({ queryKey: deliveriesKey(drainId) }),
      ]),
  });
}

export function useSendTestTrace(environmentId: string, drainId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<{ result: TestTraceResult }>(`${base(environmentId)}/${drainId}/test-trace`, { method: "POST" }).then(
        (r) => r.result,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ["llm-trace-drain-health", drainId] }),
  });
}

export function useUpdateDrain(environmentId: string, drainId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDrainInput) =>
      apiFetch<{ drain: DrainView }>(`${base(environmentId)}/${drainId}`, { method: "PATCH", json: input }).then(
        (r) => r.drain,
      ),
    // The delivery panel's status follows at once (a paused drain must not read "Delivering").
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: drainsKey(environmentId) }),
        client.invalidateQueries({ queryKey: ["llm-trace-drain-health", drainId] }),
      ]),
  });
}

export function useDeleteDrain(environmentId: string, drainId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<null>(`${base(environmentId)}/${drainId}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: drainsKey(environmentId) }),
  });
}

/** Tests typed-in credentials (no drainId) or a saved drain's stored ones. */
export function useTestConnection(environmentId: string, drainId?: string) {
  return useMutation({
    mutationFn: (input?: TestConnectionInput) => testConnection(environmentId, input, drainId),
  });
}

export function useDrainDeliveries(environmentId: string, drainId: string) {
  return useQuery({
    queryKey: deliveriesKey(drainId),
    queryFn: () =>
      apiFetch<{ deliveries: DrainDeliveries }>(`${base(environmentId)}/${drainId}/deliveries`).then(
        (r) => r.deliveries,
      ),
    refetchInterval: 10_000,
  });
}

/** Retries ("retry") or discards ("discard") one dead letter. */
export function useDeadLetterAction(environmentId: string, drainId: string, action: "retry" | "discard") {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<unknown>(`${base(environmentId)}/${drainId}/dead-letters/${id}${action === "retry" ? "/retry" : ""}`, {
        method: action === "retry" ? "POST" : "DELETE",
      }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: deliveriesKey(drainId) });
      void client.invalidateQueries({ queryKey: ["llm-trace-drain-health", drainId] });
    },
  });
}
