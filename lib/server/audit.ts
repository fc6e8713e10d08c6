import "server-only";
import { db } from "../db/database";
import type { Prisma } from "../generated/prisma/client";

export type AuditInput = {
  actorId: string | null;
  organizationId: string | null;
  environmentId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Names of the fields that changed, never their values. */
  changedFields?: string[];
  ip: string | null;
};

export async function recordAudit(input: AuditInput, tx: Prisma.TransactionClient = db()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: input.actorId,
      organizationId: input.organizationId,
      environmentId: input.environmentId ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      changedFields: input.changedFields ?? [],
      ipAddress: input.ip,
    },
  });
}

const activitySelect = {
  id: true,
  action: true,
  targetType: true,
  targetId: true,
  changedFields: true,
  ipAddress: true,
  createdAt: true,
  actor: { select: { name: true } },
  organization: { select: { name: true } },
  environment: { select: { handle: true } },
} as const;

/** An organization's activity, for its members. */
export async function listAuditEvents(organizationId: string, limit = 200) {
  return db().auditEvent.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: activitySelect,
  });
}

/** Every organization's activity, for platform admins only (callers check). */
export async function listAllAuditEvents(limit = 200) {
  return db().auditEvent.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: activitySelect });
}
