"use client";

import { lazy, Suspense, useState, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

// React's own lazy loading rather than next/dynamic: next/dynamic's loader (loadable component,
// preload and CSR bail-out helpers) added ~2 kB of first-load JavaScript to every page using it.

/**
 * A component whose code is fetched the first time it renders, showing `fallback` meanwhile.
 * `preload()` fetches it ahead, when the user is about to need it.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null) {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  const fetchCode = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (err: unknown) => {
        // A failed preload does not stick: the next preload, or the first render, fetches again.
        loading = undefined;
        throw err;
      },
    );
    return loading;
  };
  const Loaded = lazy(async () => ({ default: await fetchCode() }));
  function OnDemand(props: P) {
    // Code fetched already (preloaded) renders at once, without a frame of fallback. Decided
    // once per mount, so the component is never swapped (and remounted) while in use; and not
    // when server rendering or hydrating, whose output must be the same.
    const inBrowser = useInBrowser();
    const [Ready] = useState(() => (inBrowser ? loaded : undefined));
    return Ready ? (
      <Ready {...props} />
    ) : (
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  const preload = () => void fetchCode().catch(() => undefined);
  return Object.assign(OnDemand, { preload });
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
