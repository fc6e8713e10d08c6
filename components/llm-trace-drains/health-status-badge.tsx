import type { DrainHealthStatus } from "@/lib/validation/drain-health";

const styles: Record<DrainHealthStatus, { label: string; className: string }> = {
  healthy: { label: "Healthy", className: "badge badge-ok" },
  failing: { label: "Failing", className: "badge badge-danger" },
  authentication_failed: { label: "Authentication failed", className: "badge badge-danger" },
  ingestion_suspended: { label: "Ingestion suspended by the destination", className: "badge badge-danger" },
  paused: { label: "Paused", className: "badge" },
  suspended: { label: "Suspended", className: "badge badge-danger" },
};

export function HealthStatusBadge({ status, title }: { status: DrainHealthStatus; title?: string }) {
  const s = styles[status];
  return (
    <span className={s.className} title={title}>
      {s.label}
    </span>
  );
}
