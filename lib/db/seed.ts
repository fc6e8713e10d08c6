import type { PrismaClient } from "../generated/prisma/client";
import { hashPassword } from "../auth/password";
import { displayPrefix, hashLlmKey } from "../auth/llm-key-secret";
import { DEMO_PASSWORD, demoLlmKeys, demoOrganizations, demoUsers } from "./demo-data";

/**
 * Seeds the demo data into an empty database. Returns false, touching nothing, when the
 * database already holds any organization or user.
 */
export async function seedDemoData(prisma: PrismaClient): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return prisma.$transaction(async (tx) => {
    const [orgs, users] = await Promise.all([tx.organization.count(), tx.user.count()]);
    if (orgs > 0 || users > 0) return false;

    const userIds = new Map<string, string>();
    for (const u of demoUsers) {
      const user = await tx.user.create({
        data: { email: u.email, name: u.name, passwordHash, isPlatformAdmin: u.org === null },
      });
      userIds.set(u.email, user.id);
    }
    const adminId = userIds.get("admin@platform.example") ?? null;
    const now = new Date();

    const environmentIds = new Map<string, { id: string; organizationId: string }>();
    for (const o of demoOrganizations) {
      const org = await tx.organization.create({
        data: {
          handle: o.handle,
          name: o.name,
          baaSignedAt: o.baaSigned ? now : null,
          baaSignedById: o.baaSigned ? adminId : null,
          aiGatewayBetaEnrolledAt: o.betaEnrolled ? now : null,
          aiGatewayBetaEnrolledById: o.betaEnrolled ? adminId : null,
        },
      });
      for (const handle of o.environments) {
        const env = await tx.environment.create({ data: { organizationId: org.id, handle } });
        environmentIds.set(handle, { id: env.id, organizationId: org.id });
      }
      for (const u of demoUsers.filter((d) => d.org === o.handle)) {
        await tx.membership.create({ data: { organizationId: org.id, userId: userIds.get(u.email)!, role: u.role! } });
      }
    }

    for (const k of demoLlmKeys) {
      const env = environmentIds.get(k.environment)!;
      await tx.llmKey.create({
        data: {
          organizationId: env.organizationId,
          environmentId: env.id,
          alias: k.alias,
          keyHash: hashLlmKey(k.secret),
          prefix: displayPrefix(k.secret),
        },
      });
    }
    return true;
  });
}
