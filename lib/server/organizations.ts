import "server-only";
import { db } from "../db/database";
import type { Role } from "../auth/permissions";
import type { SessionUser } from "./sessions";
import { aiGatewaySuspension, assertAiGatewayEnabled } from "./ai-gateway-access";

export type OrganizationSummary = { id: string; handle: string; name: string; role: Role };

export async function listOrganizationsForUser(user: SessionUser): Promise<OrganizationSummary[]> {
  const memberships = await db().membership.findMany({
    where: { userId: user.id },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: { id: true, handle: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}

function gatewayFlags(organizationId: string) {
  return db().organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true },
  });
}

/** Loads the organization's BAA and beta flags and throws feature_not_enabled unless both hold. */
export async function assertAiGatewayEnabledFor(organizationId: string): Promise<void> {
  assertAiGatewayEnabled(await gatewayFlags(organizationId));
}

export async function aiGatewayStatus(organizationId: string): Promise<{ enabled: boolean; reason: string | null }> {
  const reason = aiGatewaySuspension(await gatewayFlags(organizationId));
  return { enabled: reason === null, reason };
}
