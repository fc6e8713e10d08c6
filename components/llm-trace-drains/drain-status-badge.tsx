import type { DrainView } from "@/lib/validation/llm-trace-drains";

const styles: Record<DrainView["status"], { label: string; className: string }> = {
  active: { label: "Active", className: "badge badge-ok" },
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
