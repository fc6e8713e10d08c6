import "server-only";
import { db } from "../../db/database";
import { notFound } from "../../errors";
import type { EnvironmentAccess } from "../access";
import { assertAiGatewayEnabled } from "../ai-gateway-access";
import { scopedDrain } from "./view";

// The one gate every drain operation that changes it or reaches its destination passes
// (edit, pause, Test connection, Send test trace, retry): the drain must belong to the
// caller's environment, and its organization must still have a signed BAA and AI Gateway
// beta enrollment. Reading and deleting stay open so a suspended drain can be inspected and removed.

const operableSelect = {
  type: true,
  handle: true,
  config: true,
  secrets: true,
  secretHints: true,
  pausedAt: true,
  forwardContent: true,
  controls: true,
  organization: { select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true } },
} as const;

export async function operableDrain(access: EnvironmentAccess, drainId: string) {
  const drain = await db().llmTraceDrain.findFirst({ where: scopedDrain(access, drainId), select: operableSelect });
  if (!drain) throw notFound("LLM Trace Drain");
  assertAiGatewayEnabled(drain.organization);
  return drain;
}
