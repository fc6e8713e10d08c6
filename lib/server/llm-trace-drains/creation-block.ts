import { MAX_DRAINS_PER_ENVIRONMENT } from "./mutations";

// Why the Integrations page offers no "New LLM Trace Drain", in the order a user can act on:
// the organization's enrollment first, then their role, then the environment's drain limit.

export const DRAIN_LIMIT_REACHED = `This environment has ${MAX_DRAINS_PER_ENVIRONMENT} LLM Trace Drains, the most it can have: delete one to add another.`;

export function creationBlockReason(state: {
  gateway: { enabled: boolean; reason: string | null };
  canWrite: boolean;
  drainCount: number;
}): string | null {
  if (!state.gateway.enabled) {
    return `LLM Trace Drains need a signed BAA and AI Gateway beta enrollment. ${state.gateway.reason}. A platform admin enables them: contact support.`;
  }
  if (!state.canWrite) {
    return "Only owners of the organization can create LLM Trace Drains; you can see them and their delivery health.";
  }
  if (state.drainCount >= MAX_DRAINS_PER_ENVIRONMENT) return DRAIN_LIMIT_REACHED;
  return null;
}
