// Pure (no database, no secrets): ingest, pages and the API all apply this one rule.
import { AppError } from "../errors";

// The AI Gateway beta (and with it LLM Trace Drains) is open to an organization only while
// it has signed a BAA and is enrolled. One function decides, for the UI, the API and the
// status shown on existing drains.

type OrgFlags = { baaSignedAt: Date | null; aiGatewayBetaEnrolledAt: Date | null };

export function aiGatewaySuspension(org: OrgFlags): string | null {
  if (!org.baaSignedAt && !org.aiGatewayBetaEnrolledAt)
    return "The organization has no signed BAA and is not enrolled in the AI Gateway beta";
  if (!org.baaSignedAt) return "The organization has no signed BAA";
  if (!org.aiGatewayBetaEnrolledAt) return "The organization is not enrolled in the AI Gateway beta";
  return null;
}

export function assertAiGatewayEnabled(org: OrgFlags): void {
  const reason = aiGatewaySuspension(org);
  if (reason) {
    throw new AppError(
      "feature_not_enabled",
      `LLM Trace Drains require a signed BAA and AI Gateway beta enrollment. ${reason}.`,
    );
  }
}
