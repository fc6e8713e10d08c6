import "server-only";
import { db } from "../db/database";
import { notFound, AppError } from "../errors";
import { displayPrefix, hashLlmKey, newLlmKeySecret } from "../auth/llm-key-secret";
import type { CreateLlmKeyInput, LlmKeyView } from "../validation/llm-keys";
import type { EnvironmentAccess } from "./access";
import { recordAudit } from "./audit";

const keySelect = {
  id: true,
  alias: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true } },
} as const;

type KeyRow = {
  id: string;
  alias: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { name: string } | null;
};

function toView(k: KeyRow): LlmKeyView {
  return {
    id: k.id,
    alias: k.alias,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    createdBy: k.createdBy?.name ?? null,
  };
}

export async function listLlmKeys(access: EnvironmentAccess): Promise<LlmKeyView[]> {
  const keys = await db().llmKey.findMany({
    where: { organizationId: access.organizationId, environmentId: access.environmentId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: keySelect,
  });
  return keys.map(toView);
}

type Actor = { userId: string; ip: string | null };

export async function createLlmKey(access: EnvironmentAccess, input: CreateLlmKeyInput, actor: Actor) {
  const secret = newLlmKeySecret();
  const key = await db().$transaction(async (tx) => {
    const created = await tx.llmKey.create({
      data: {
        organizationId: access.organizationId,
        environmentId: access.environmentId,
        alias: input.alias,
        keyHash: hashLlmKey(secret),
        prefix: displayPrefix(secret),
        createdById: actor.userId,
      },
      select: keySelect,
    });
    await recordAudit(
      {
        actorId: actor.userId,
        organizationId: access.organizationId,
        environmentId: access.environmentId,
        action: "llm_key.create",
        targetType: "llm_key",
        targetId: created.id,
        changedFields: ["alias"],
        ip: actor.ip,
      },
      tx,
    );
    return created;
  });
  return { key: toView(key), secret };
}

export async function revokeLlmKey(access: EnvironmentAccess, keyId: string, actor: Actor): Promise<LlmKeyView> {
  return db().$transaction(async (tx) => {
    const existing = await tx.llmKey.findFirst({
      where: { id: keyId, organizationId: access.organizationId, environmentId: access.environmentId },
      select: { revokedAt: true },
    });
    if (!existing) throw notFound("LLM key");
    if (existing.revokedAt) throw new AppError("conflict", "This key is already revoked");
    const key = await tx.llmKey.update({ where: { id: keyId }, data: { revokedAt: new Date() }, select: keySelect });
    await recordAudit(
      {
        actorId: actor.userId,
        organizationId: access.organizationId,
        environmentId: access.environmentId,
        action: "llm_key.revoke",
        targetType: "llm_key",
        targetId: keyId,
        changedFields: ["revokedAt"],
        ip: actor.ip,
      },
      tx,
    );
    return toView(key);
  });
}
