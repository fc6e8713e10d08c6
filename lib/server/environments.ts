import "server-only";
import { db } from "../db/database";
import type { EnvironmentAccess, OrgAccess } from "./access";

export async function listEnvironments(access: OrgAccess) {
  const environments = await db().environment.findMany({
    where: { organizationId: access.organizationId },
    orderBy: { handle: "asc" },
    select: {
      id: true,
      handle: true,
      createdAt: true,
      _count: { select: { llmKeys: { where: { revokedAt: null } } } },
    },
  });
  return environments.map((e) => ({ id: e.id, handle: e.handle, createdAt: e.createdAt, activeKeyCount: e._count.llmKeys }));
}

export async function environmentOverview(access: EnvironmentAccess) {
  const [activeKeys, org] = await Promise.all([
    db().llmKey.count({ where: { organizationId: access.organizationId, environmentId: access.environmentId, revokedAt: null } }),
    db().organization.findUniqueOrThrow({ where: { id: access.organizationId }, select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true } }),
  ]);
  return { activeKeys, aiGatewayAvailable: org.baaSignedAt !== null && org.aiGatewayBetaEnrolledAt !== null };
}
