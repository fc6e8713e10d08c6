"use client";

import {
  Component,
  lazy,
  Suspense,
  useReducer,
  useState,
  useSyncExternalStore,
  type ComponentType,
  type ReactNode,
} from "react";

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
  // React keeps a lazy component's failure for good: after one, the next render gets a new one.
  const makeLazy = () =>
    lazy(async () => ({
      default: await fetchCode().catch((err: unknown) => {
        throw new LoadFailure(err);
      }),
    }));
  let Loaded = makeLazy();
  function OnDemand(props: P) {
    const [, retried] = useReducer((n: number) => n + 1, 0);
    // Code fetched already (preloaded) renders at once, without a frame of fallback. Decided
    // once per mount, so the component is never swapped (and remounted) while in use; and not
    // when server rendering or hydrating, whose output must be the same.
    const inBrowser = useInBrowser();
    const [Ready] = useState(() => (inBrowser ? loaded : undefined));
    if (Ready) return <Ready {...props} />;
    const Current = Loaded;
    return (
      <LoadFailed
        retry={() => {
          if (Loaded === Current) Loaded = makeLazy();
          retried();
        }}
      >
        <Suspense fallback={fallback}>
          <Current {...props} />
        </Suspense>
      </LoadFailed>
    );
  }
  const preload = () => void fetchCode().catch(() => undefined);
  return Object.assign(OnDemand, { preload });
}

/** The code could not be fetched (offline, or a deploy removed it): the rest of the page stays usable. */
class LoadFailure extends Error {
  constructor(cause: unknown) {
    super("Could not load part of the page", { cause });
  }
}

class LoadFailed extends Component<{ retry: () => void; children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    // Anything else the loaded component threw is the page's error boundary's to show.
    if (!(error instanceof LoadFailure)) throw error;
    return (
      <div className="alert alert-error" role="alert">
        <p>This part of the page could not be loaded. Check your connection and try again.</p>
        <button
          type="button"
          className="btn"
          onClick={() => {
            this.props.retry();
            this.setState({ error: undefined });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
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
