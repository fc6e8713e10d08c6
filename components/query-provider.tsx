"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { browserQueryClient } from "./query-client";

const makeClient = () =>
  new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true } } });

/**
 * React Query's provider. In the browser every provider hands out the same client, so the
 * cache outlives the provider that made it; on the server each request renders with its own.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => (typeof window === "undefined" ? makeClient() : browserQueryClient(makeClient)));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
