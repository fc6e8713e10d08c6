import { db } from "../db/database";
import { aiGatewaySuspension } from "../server/ai-gateway-access";
import { destinationFor } from "../destinations/server-registry";
import { activeControls } from "../validation/drain-controls";
import type { SealTarget } from "./seal-slice";

// A record belongs to the environment of the LLM key it was made with, found through the
// key's sha256 (LiteLLM logs it as metadata.user_api_key_hash): LlmKey → Environment →
// Organization, with the environment's active drains. One query per set of new keys; every
// hash gets a target or the reason its records are skipped.

export async function loadSealTargets(hashes: string[]): Promise<Map<string, SealTarget>> {
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
          llmTraceDrains: {
            where: { pausedAt: null },
            select: { id: true, forwardContent: true, type: true, config: true, controls: true },
          },
        },
      },
    },
  });
  const found = new Map(keys.map((k) => [k.keyHash, k]));
  return new Map(
    hashes.map((hash): [string, SealTarget] => {
      const key = found.get(hash);
      if (!key) return [hash, { skip: "unknown key (metadata.user_api_key_hash matches no LLM key)" }];
      if (key.revokedAt) return [hash, { skip: "key revoked" }];
      if (aiGatewaySuspension(key.environment.organization)) {
        return [hash, { skip: "organization not enabled for LLM Trace Drains (BAA and AI Gateway beta required)" }];
      }
      if (key.environment.llmTraceDrains.length === 0) {
        return [hash, { skip: "no active LLM Trace Drain in the environment" }];
      }
      return [
        hash,
        {
          keyId: key.id,
          organizationId: key.organizationId,
          environmentId: key.environment.id,
          environmentHandle: key.environment.handle,
          keyAlias: key.alias,
          // What the span of each drain needs from its destination: its extra attributes and encoding.
          drains: key.environment.llmTraceDrains.map((d) => ({
            id: d.id,
            forwardContent: d.forwardContent,
            type: d.type,
            encoding: destinationFor(d.type).encoding(d.config),
            controls: activeControls(d.controls),
          })),
        },
      ];
    }),
  );
}
