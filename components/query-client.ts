import type { QueryClient, QueryKey } from "@tanstack/react-query";

// The browser's one QueryClient (components/query-provider.tsx), kept for the life of the tab:
// every page that reads or writes through React Query shares its cache, whichever provider
// renders it. Only types come from React Query here, so a page without React Query (the
// new-drain form) can invalidate what it changed without loading it.

let browserClient: QueryClient | undefined;

/** The browser's client, made by `make` the first time a provider renders. */
export function browserQueryClient(make: () => QueryClient): QueryClient {
  browserClient ??= make();
  return browserClient;
}

/** After a change made without React Query: cached copies refetch when next shown (none cached, nothing to do). */
export function invalidateCachedQueries(queryKey: QueryKey): void {
  void browserClient?.invalidateQueries({ queryKey });
}
