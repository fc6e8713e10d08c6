import type { DrainHealthStatus } from "@/lib/validation/drain-health";
import { statusLabel, statusTone } from "@/lib/drain-status";

const TONE_CLASS = { ok: "badge badge-ok", neutral: "badge", warn: "badge badge-warn", danger: "badge badge-danger" };

export function HealthStatusBadge({ status, title }: { status: DrainHealthStatus; title?: string }) {
  return (
    <span className={TONE_CLASS[statusTone(status)]} title={title}>
      {statusLabel(status)}
    </span>
  );
}
