"use client";

import dynamic from "next/dynamic";

// Recent deliveries are fetched in the browser anyway (no server-rendered data), below the
// fold: their code loads after the page, not with it.
export const LazyRecentDeliveries = dynamic(() => import("./recent-deliveries").then((m) => m.RecentDeliveries), {
  ssr: false,
  loading: () => (
    <section className="panel" aria-label="Recent deliveries">
      <p role="status">Loading recent deliveries…</p>
    </section>
  ),
});
