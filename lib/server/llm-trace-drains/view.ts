import "server-only";
import { drainView, type DrainView } from "../../validation/llm-trace-drains";
import { drainControls } from "../../validation/drain-controls";
import { destinationFor } from "../../destinations/server-registry";
import { stringRecord } from "../../crypto/drain-secrets";
import { aiGatewaySuspension } from "../ai-gateway-access";
import type { EnvironmentAccess } from "../access";

/** The only way a drain is addressed: by id, inside the caller's organization and environment. */
export function scopedDrain(access: Pick<EnvironmentAccess, "organizationId" | "environmentId">, drainId: string) {
  return { id: drainId, organizationId: access.organizationId, environmentId: access.environmentId };
}

export const drainSelect = {
  id: true,
  environmentId: true,
  type: true,
  handle: true,
  config: true,
  secretHints: true,
  controls: true,
  forwardContent: true,
  pausedAt: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { name: true } },
  organization: { select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true } },
} as const;

type DrainRow = {
  id: string;
  environmentId: string;
  type: string;
  handle: string;
  config: unknown;
  secretHints: unknown;
  controls: unknown;
  forwardContent: boolean;
  pausedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: { name: string } | null;
  organization: { baaSignedAt: Date | null; aiGatewayBetaEnrolledAt: Date | null };
};

/** The only way a drain leaves the server: through the strict view schema, which has no secret. */
export function toDrainView(row: DrainRow): DrainView {
  const suspendedReason = aiGatewaySuspension(row.organization);
  return drainView.parse({
    id: row.id,
    environmentId: row.environmentId,
    type: row.type,
    handle: row.handle,
    ...destinationFor(row.type).view({ config: row.config, hints: stringRecord(row.secretHints) }),
    forwardContent: row.forwardContent,
    controls: drainControls.parse(row.controls ?? {}),
    status: suspendedReason ? "suspended" : row.pausedAt ? "paused" : "active",
    suspendedReason,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy?.name ?? null,
    updatedAt: row.updatedAt.toISOString(),
  });
}
