import "server-only";
import { db } from "../../db/database";
import { notFound } from "../../errors";
import { recordAudit } from "../audit";
import type { AdminOrganizationView, UpdateOrganizationFlagsInput } from "../../validation/admin";

/** Every organization, for platform admins. Callers must have checked isPlatformAdmin. */
const adminSelect = {
  id: true,
  handle: true,
  name: true,
  createdAt: true,
  baaSignedAt: true,
  baaSignedBy: { select: { name: true } },
  aiGatewayBetaEnrolledAt: true,
  aiGatewayBetaEnrolledBy: { select: { name: true } },
  _count: { select: { environments: true, memberships: true } },
} as const;

export async function listAllOrganizations(search?: string): Promise<AdminOrganizationView[]> {
  // U+0000 cannot reach PostgreSQL's text type (it would fail the query): it matches nothing anyway.
  const q = search?.replace(/\u0000/g, "").trim();
  const organizations = await db().organization.findMany({
    where: q
      ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { handle: { contains: q, mode: "insensitive" } }] }
      : undefined,
    orderBy: { name: "asc" },
    take: 500,
    select: adminSelect,
  });
  return organizations.map(toAdminView);
}

type AdminRow = {
  id: string;
  handle: string;
  name: string;
  createdAt: Date;
  baaSignedAt: Date | null;
  baaSignedBy: { name: string } | null;
  aiGatewayBetaEnrolledAt: Date | null;
  aiGatewayBetaEnrolledBy: { name: string } | null;
  _count: { environments: number; memberships: number };
};

function toAdminView(o: AdminRow): AdminOrganizationView {
  return {
    id: o.id,
    handle: o.handle,
    name: o.name,
    createdAt: o.createdAt.toISOString(),
    baaSignedAt: o.baaSignedAt?.toISOString() ?? null,
    baaSignedBy: o.baaSignedBy?.name ?? null,
    aiGatewayBetaEnrolledAt: o.aiGatewayBetaEnrolledAt?.toISOString() ?? null,
    aiGatewayBetaEnrolledBy: o.aiGatewayBetaEnrolledBy?.name ?? null,
    environmentCount: o._count.environments,
    memberCount: o._count.memberships,
  };
}

/**
 * Records or withdraws a BAA and enrolls or withdraws AI Gateway beta membership. Takes
 * effect on the customer's next request: gating is read from these columns every time.
 */
export async function updateOrganizationFlags(
  organizationId: string,
  input: UpdateOrganizationFlagsInput,
  actor: { userId: string; ip: string | null },
): Promise<AdminOrganizationView> {
  return db().$transaction(async (tx) => {
    const current = await tx.organization.findUnique({
      where: { id: organizationId },
      select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true },
    });
    if (!current) throw notFound("Organization");
    const now = new Date();
    const data: Record<string, Date | string | null> = {};
    const actions: string[] = [];
    if (input.baaSigned !== undefined && input.baaSigned !== (current.baaSignedAt !== null)) {
      Object.assign(
        data,
        input.baaSigned
          ? { baaSignedAt: now, baaSignedById: actor.userId }
          : { baaSignedAt: null, baaSignedById: null },
      );
      actions.push(input.baaSigned ? "organization.baa_signed" : "organization.baa_withdrawn");
    }
    if (
      input.aiGatewayBetaEnrolled !== undefined &&
      input.aiGatewayBetaEnrolled !== (current.aiGatewayBetaEnrolledAt !== null)
    ) {
      Object.assign(
        data,
        input.aiGatewayBetaEnrolled
          ? { aiGatewayBetaEnrolledAt: now, aiGatewayBetaEnrolledById: actor.userId }
          : { aiGatewayBetaEnrolledAt: null, aiGatewayBetaEnrolledById: null },
      );
      actions.push(
        input.aiGatewayBetaEnrolled
          ? "organization.ai_gateway_beta_enrolled"
          : "organization.ai_gateway_beta_withdrawn",
      );
    }
    const row = await tx.organization.update({ where: { id: organizationId }, data, select: adminSelect });
    for (const action of actions) {
      const field = action.includes("baa") ? "baaSigned" : "aiGatewayBetaEnrolled";
      await recordAudit(
        {
          actorId: actor.userId,
          organizationId,
          action,
          targetType: "organization",
          targetId: organizationId,
          changedFields: [field],
          ip: actor.ip,
        },
        tx,
      );
    }
    return toAdminView(row);
  });
}
