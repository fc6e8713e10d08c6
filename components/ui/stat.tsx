import type { ReactNode } from "react";

/** One labelled figure in a `.stats` grid. */
export function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">{children}</div>
    </div>
  );
}
