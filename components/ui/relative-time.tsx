"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, relativeTo } from "@/lib/format";

// "3 min ago" with the exact time on hover. The server and the first client render show the
// exact time (they would disagree on "now"); the browser then switches to the relative form
// and keeps it current with one shared 30-second clock.

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function RelativeTime({ iso }: { iso: string }) {
  const at = useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {at === null ? exact : relativeTo(iso, at)}
    </time>
  );
}
