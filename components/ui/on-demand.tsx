"use client";

import { lazy, Suspense, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

// React's own lazy loading rather than next/dynamic: next/dynamic's loader (loadable component,
// preload and CSR bail-out helpers) added ~2 kB of first-load JavaScript to every page using it.

/** A component whose code is fetched the first time it renders, showing `fallback` meanwhile. */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null) {
  const Loaded = lazy(async () => ({ default: await load() }));
  function OnDemand(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return OnDemand;
}

const subscribeNever = () => () => undefined;

/** False while rendering on the server and hydrating, true afterwards: renders what must not be server-rendered. */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
