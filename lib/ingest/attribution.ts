import { db } from "../db/database";
import { aiGatewaySuspension } from "../server/ai-gateway-access";

// A record belongs to the environment of the LLM key it was made with, found through the
// key's sha256 (LiteLLM logs it as metadata.user_api_key_hash): LlmKey → Environment →
// Organization, with the environment's active drains. One query per distinct set of keys.

export type KeyTarget = NonNullable<
  Awaited<ReturnType<typeof loadKeyTargets>> extends Map<string, infer T> ? T : never
>;

export async function loadKeyTargets(hashes: string[]) {
  const keys = await db().llmKey.findMany({
    where: { keyHash: { in: hashes } },
    select: {
      id: true,
      keyHash: true,
      alias: true,
      revokedAt: true,
      organizationId: true,
      environment: {
        select: {
          id: true,
          handle: true,
          organization: { select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true } },
          llmTraceDrains: { where: { pausedAt: null }, select: { id: true, forwardContent: true } },
        },
      },
    },
  });
  return new Map(keys.map((k) => [k.keyHash, k]));
}

/** Why a record of this key is not forwarded, or null when it is. */
export function skipReason(target: KeyTarget | undefined): string | null {
  if (!target) return "unknown key (metadata.user_api_key_hash matches no LLM key)";
  if (target.revokedAt) return "key revoked";
  if (aiGatewaySuspension(target.environment.organization)) {
    return "organization not enabled for LLM Trace Drains (BAA and AI Gateway beta required)";
  }
  if (target.environment.llmTraceDrains.length === 0) return "no active LLM Trace Drain in the environment";
  return null;
}
