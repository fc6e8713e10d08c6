import "server-only";
import { db } from "../../db/database";
import { notFound } from "../../errors";
import type { EnvironmentAccess } from "../access";
import { drainSelect, scopedDrain, toDrainView } from "./view";

/** How many drains the environment has (the limit on creating more). */
export function countDrains(access: EnvironmentAccess): Promise<number> {
  return db().llmTraceDrain.count({
    where: { organizationId: access.organizationId, environmentId: access.environmentId },
  });
}

export async function listDrains(access: EnvironmentAccess) {
  const rows = await db().llmTraceDrain.findMany({
    where: { organizationId: access.organizationId, environmentId: access.environmentId },
    orderBy: { createdAt: "asc" },
    select: drainSelect,
  });
  return rows.map(toDrainView);
}

/** Throws not_found unless the drain exists inside the caller's environment. */
export async function assertDrainExists(access: EnvironmentAccess, drainId: string): Promise<void> {
  if ((await db().llmTraceDrain.count({ where: scopedDrain(access, drainId) })) === 0)
    throw notFound("LLM Trace Drain");
}

export async function getDrain(access: EnvironmentAccess, drainId: string) {
  const row = await db().llmTraceDrain.findFirst({
    where: scopedDrain(access, drainId),
    select: drainSelect,
  });
  if (!row) throw notFound("LLM Trace Drain");
  return toDrainView(row);
}

export async function drainAuditHistory(access: EnvironmentAccess, drainId: string) {
  return db().auditEvent.findMany({
    where: { organizationId: access.organizationId, targetType: "llm_trace_drain", targetId: drainId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      action: true,
      changedFields: true,
      ipAddress: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
}
