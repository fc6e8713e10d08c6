import { database } from "../db/database";
import { aiGatewaySuspension } from "../server/ai-gateway-access";
import { destinationFor } from "../destinations/server-registry";
import { activeControls } from "../validation/drain-controls";
import type { SealTarget } from "./seal-slice";

// A record belongs to the environment of the LLM key it was made with, found through the
// key's sha256 (LiteLLM logs it as metadata.user_api_key_hash): LlmKey → Environment →
// Organization, with the environment's active drains. One query, one round trip, per set of
// new keys (ingest runs it for every request, where the ORM's relation loading took four);
// every hash gets a target or the reason its records are skipped.

type KeyRow = {
  key_hash: string;
  id: string;
  alias: string;
  revoked: boolean;
  organization_id: string;
  environment_id: string;
  environment_handle: string;
  baa_signed_at: Date | null;
  ai_gateway_beta_enrolled_at: Date | null;
  drains: { id: string; forwardContent: boolean; type: string; config: unknown; controls: unknown }[];
};

// bpchar[] (not char(64)[]): the index on key_hash serves it, and a longer value is not cut to 64.
const KEYS_WITH_DRAINS = `
  SELECT k.key_hash, k.id, k.alias, k.revoked_at IS NOT NULL AS revoked, k.organization_id,
         e.id AS environment_id, e.handle AS environment_handle,
         g.baa_signed_at, g.ai_gateway_beta_enrolled_at,
         COALESCE((SELECT json_agg(json_build_object('id', d.id, 'forwardContent', d.forward_content,
                                                     'type', d.type, 'config', d.config, 'controls', d.controls)
                                   ORDER BY d.created_at, d.id)
                     FROM llm_trace_drains d
                    WHERE d.environment_id = e.id AND d.paused_at IS NULL), '[]'::json) AS drains
    FROM llm_keys k
    JOIN environments e ON e.id = k.environment_id
    JOIN organizations g ON g.id = e.organization_id
   WHERE k.key_hash = ANY($1::bpchar[])`;

export async function loadSealTargets(hashes: string[]): Promise<Map<string, SealTarget>> {
  const keys = await database().driver.query<KeyRow>(KEYS_WITH_DRAINS, [hashes]);
  const found = new Map(keys.map((k) => [k.key_hash, k]));
  return new Map(
    hashes.map((hash): [string, SealTarget] => {
      const key = found.get(hash);
      if (!key) return [hash, { skip: "unknown key (metadata.user_api_key_hash matches no LLM key)" }];
      if (key.revoked) return [hash, { skip: "key revoked" }];
      if (
        aiGatewaySuspension({
          baaSignedAt: key.baa_signed_at,
          aiGatewayBetaEnrolledAt: key.ai_gateway_beta_enrolled_at,
        })
      ) {
        return [hash, { skip: "organization not enabled for LLM Trace Drains (BAA and AI Gateway beta required)" }];
      }
      if (key.drains.length === 0) return [hash, { skip: "no active LLM Trace Drain in the environment" }];
      return [
        hash,
        {
          keyId: key.id,
          organizationId: key.organization_id,
          environmentId: key.environment_id,
          environmentHandle: key.environment_handle,
          keyAlias: key.alias,
          // What the span of each drain needs from its destination: its extra attributes and encoding.
          drains: key.drains.map((d) => ({
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
