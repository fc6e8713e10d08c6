import "server-only";
import { db } from "../db/database";
import type { Role } from "../auth/permissions";
import type { SessionUser } from "./sessions";

export type OrganizationSummary = { id: string; handle: string; name: string; role: Role };

export async function listOrganizationsForUser(user: SessionUser): Promise<OrganizationSummary[]> {
  const memberships = await db().membership.findMany({
    where: { userId: user.id },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: { id: true, handle: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}

