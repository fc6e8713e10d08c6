import "server-only";
import { db } from "../../db/database";

/** Every organization, for platform admins. Callers must have checked isPlatformAdmin. */
export async function listAllOrganizations(search?: string) {
  const q = search?.trim();
  const organizations = await db().organization.findMany({
    where: q
      ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { handle: { contains: q, mode: "insensitive" } }] }
      : undefined,
    orderBy: { name: "asc" },
    take: 500,
    select: {
      id: true,
      handle: true,
      name: true,
      createdAt: true,
      baaSignedAt: true,
      baaSignedBy: { select: { name: true } },
      aiGatewayBetaEnrolledAt: true,
      aiGatewayBetaEnrolledBy: { select: { name: true } },
      _count: { select: { environments: true, memberships: true } },
    },
  });
  return organizations.map((o) => ({
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
  }));
}
