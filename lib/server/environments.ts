import "server-only";
import { db } from "../db/database";
import type { EnvironmentAccess, OrgAccess } from "./access";
import { aiGatewayStatus } from "./organizations";

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
  return environments.map((e) => ({
    id: e.id,
    handle: e.handle,
    createdAt: e.createdAt,
    activeKeyCount: e._count.llmKeys,
  }));
}

export async function environmentOverview(access: EnvironmentAccess) {
  const [activeKeys, gateway] = await Promise.all([
    db().llmKey.count({
      where: { organizationId: access.organizationId, environmentId: access.environmentId, revokedAt: null },
    }),
    aiGatewayStatus(access.organizationId),
  ]);
  return { activeKeys, aiGatewayAvailable: gateway.enabled };
}
