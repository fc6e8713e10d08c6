import type { DrainView } from "@/lib/validation/llm-trace-drains";

const styles: Record<DrainView["status"], { label: string; className: string }> = {
  // Whether the drain forwards, not how delivery goes (the Delivery panel says that): neutral.
  active: { label: "Active", className: "badge" },
  paused: { label: "Paused", className: "badge" },
  suspended: { label: "Suspended", className: "badge badge-danger" },
};

export function DrainStatusBadge({ drain }: { drain: Pick<DrainView, "status" | "suspendedReason"> }) {
  const s = styles[drain.status];
  return (
    <span className={s.className} title={drain.suspendedReason ?? undefined}>
      {s.label}
    </span>
  );
}
