"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { CreateLlmKeyInput, LlmKeyView } from "@/lib/validation/llm-keys";

const keysPath = (environmentId: string) => `/api/environments/${environmentId}/llm-keys`;
const queryKey = (environmentId: string) => ["llm-keys", environmentId] as const;

export function useLlmKeys(environmentId: string) {
  return useQuery({
    queryKey: queryKey(environmentId),
    queryFn: () => apiFetch<{ keys: LlmKeyView[] }>(keysPath(environmentId)).then((r) => r.keys),
  });
}

export function useCreateLlmKey(environmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateLlmKeyInput) =>
      apiFetch<{ key: LlmKeyView; secret: string }>(keysPath(environmentId), { method: "POST", json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKey(environmentId) }),
  });
}

export function useRevokeLlmKey(environmentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      apiFetch<{ key: LlmKeyView }>(`${keysPath(environmentId)}/${keyId}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKey(environmentId) }),
  });
}
