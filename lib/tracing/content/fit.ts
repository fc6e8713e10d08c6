import type { AnyPart, Conversation } from "./parts";

// A span must fit an export request (Langfuse Cloud takes 5 MB per request) while carrying
// the content twice (semconv attributes and Langfuse's view). When a conversation's text is
// larger than the budget, the longest texts are shortened first, each keeping its start and
// a marker saying how much was cut, and the span says so (`aptible.content.truncated`).

export const CONTENT_BUDGET_CHARS = 1_500_000;

type Slot = { get: () => string; set: (v: string) => void };

function slotsOf(part: AnyPart): Slot[] {
  const slots: Slot[] = [];
  const p = part as Record<string, unknown>;
  for (const key of ["content", "response", "arguments"] as const) {
    if (typeof p[key] === "string") slots.push({ get: () => p[key] as string, set: (v) => (p[key] = v) });
  }
  return slots;
}

/** The largest per-text length that keeps the total within the budget (water-filling). */
function capFor(lengths: number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let remaining = budget;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(remaining / (sorted.length - i));
    if (sorted[i]! > share) return share;
    remaining -= sorted[i]!;
  }
  return Infinity;
}

/** Shortens the conversation's longest texts in place. Returns true when anything was cut. */
export function fitConversation(c: Conversation, budget = CONTENT_BUDGET_CHARS): boolean {
  const parts = [...c.system, ...c.input.flatMap((m) => m.parts), ...c.output.flatMap((m) => m.parts)];
  const slots = parts.flatMap(slotsOf);
  const lengths = slots.map((s) => s.get().length);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total <= budget) return false;
  const cap = capFor(lengths, budget);
  for (const slot of slots) {
    const text = slot.get();
    if (text.length > cap) {
      const kept = Math.max(cap - 64, 0);
      slot.set(`${text.slice(0, kept)}… [${text.length - kept} characters not forwarded]`);
    }
  }
  return true;
}
