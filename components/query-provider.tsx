"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { browserQueryClient } from "./query-client";

const makeClient = () =>
  new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true } } });

/**
 * React Query's provider, around the content of each page whose client components use it (the
 * admin page, LLM Keys, the drain list and drain pages). Not in the root layout: pages without
 * queries then do not load React Query. In the browser every provider hands out the same
 * client, so the cache outlives the page that made it; on the server each request renders
 * with its own.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => (typeof window === "undefined" ? makeClient() : browserQueryClient(makeClient)));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
