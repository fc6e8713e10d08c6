"use client";

import type { ComponentProps } from "react";
import { onDemand, useInBrowser } from "@/components/ui/on-demand";
import type { RecentDeliveries } from "./recent-deliveries";

// Recent deliveries are fetched in the browser anyway (no server-rendered data), below the
// fold: their code loads after the page, not with it.
const loading = (
  <section className="panel" aria-label="Recent deliveries">
    <p role="status">Loading recent deliveries…</p>
  </section>
);
const Deliveries = onDemand(() => import("./recent-deliveries").then((m) => m.RecentDeliveries), loading);

export function LazyRecentDeliveries(props: ComponentProps<typeof RecentDeliveries>) {
  return useInBrowser() ? <Deliveries {...props} /> : loading;
}
