import "server-only";
import { db } from "../db/database";
import { can, type Permission, type Role } from "../auth/permissions";
import { forbidden, notFound } from "../errors";
import type { SessionUser } from "./sessions";

// Tenant scoping lives inside the queries: an environment or organization is only ever
// looked up through the caller's membership, so a forgotten check finds nothing rather
// than leaking. Another organization's ids are "not found", never "forbidden".

export type OrgAccess = { organizationId: string; handle: string; name: string; role: Role };
export type EnvironmentAccess = OrgAccess & { environmentId: string; environmentHandle: string };

export async function organizationAccess(
  user: SessionUser,
  where: { id: string } | { handle: string },
  permission: Permission,
): Promise<OrgAccess> {
  const membership = await db().membership.findFirst({
    where: { userId: user.id, organization: where },
    select: { role: true, organization: { select: { id: true, handle: true, name: true } } },
  });
  if (!membership) throw notFound("Organization");
  if (!can(membership.role, permission)) throw forbidden();
  const { id, handle, name } = membership.organization;
  return { organizationId: id, handle, name, role: membership.role };
}

export async function environmentAccess(
  user: SessionUser,
  where: { id: string } | { organizationHandle: string; handle: string },
  permission: Permission,
): Promise<EnvironmentAccess> {
  const environment = await db().environment.findFirst({
    where: {
      ...("id" in where ? { id: where.id } : { handle: where.handle }),
      organization: {
        ...("organizationHandle" in where ? { handle: where.organizationHandle } : {}),
        memberships: { some: { userId: user.id } },
      },
    },
    select: {
      id: true,
      handle: true,
      organization: {
        select: {
          id: true,
          handle: true,
          name: true,
          memberships: { where: { userId: user.id }, select: { role: true } },
        },
      },
    },
  });
  const role = environment?.organization.memberships[0]?.role;
  if (!environment || !role) throw notFound("Environment");
  if (!can(role, permission)) throw forbidden();
  return {
    organizationId: environment.organization.id,
    handle: environment.organization.handle,
    name: environment.organization.name,
    role,
    environmentId: environment.id,
    environmentHandle: environment.handle,
  };
}
