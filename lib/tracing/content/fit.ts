import type { AnyPart, Conversation } from "./parts";

// A span must fit an export request (Langfuse Cloud takes 5 MB per request) while carrying
// the content twice (semconv attributes and Langfuse's view). The budget counts what a text
// costs on the wire, as UTF-8 inside a JSON string: characters would let 1.4 million
// characters of Japanese (3 bytes each) or of control characters (escaped as 6) make a span
// of 8 MB or more that no destination takes. When the conversation's text is larger than the
// budget, the longest texts are shortened first, each keeping its start and a marker saying
// how much was cut, and the span says so (`aptible.content.truncated`).

export const CONTENT_BUDGET_BYTES = 1_500_000;

/** The most bytes one UTF-16 unit can take in a JSON string (`\u001f`). */
const MAX_BYTES_PER_UNIT = 6;
/** Room for the marker added to a shortened text. */
const MARKER_ROOM = 64;

type Slot = { get: () => string; set: (v: string) => void };

function slotsOf(part: AnyPart): Slot[] {
  const slots: Slot[] = [];
  const p = part as Record<string, unknown>;
  for (const key of ["content", "response", "arguments"] as const) {
    if (typeof p[key] === "string") slots.push({ get: () => p[key] as string, set: (v) => (p[key] = v) });
  }
  return slots;
}

/** What a text costs inside a JSON string, in UTF-8 bytes, without its quotes. */
const encodedBytes = (text: string) => Buffer.byteLength(JSON.stringify(text)) - 2;

/** The largest per-text size that keeps the total within the budget (water-filling). */
function capFor(sizes: number[], budget: number): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let remaining = budget;
  for (let i = 0; i < sorted.length; i++) {
    const share = Math.floor(remaining / (sorted.length - i));
    if (sorted[i]! > share) return share;
    remaining -= sorted[i]!;
  }
  return Infinity;
}

/** The text's start that costs at most `cap` bytes with its marker, never half a surrogate pair. */
function shorten(text: string, size: number, cap: number): string {
  const room = Math.max(cap - MARKER_ROOM, 0);
  // Scaled by the text's average cost per unit, then trimmed until it fits (texts are rarely uniform).
  let kept = Math.floor((text.length * room) / size);
  while (kept > 0 && encodedBytes(text.slice(0, kept)) > room) kept = Math.floor(kept * 0.9);
  const code = text.charCodeAt(kept - 1);
  if (code >= 0xd800 && code <= 0xdbff) kept--;
  return `${text.slice(0, kept)}… [${text.length - kept} characters not forwarded]`;
}

/** Shortens the conversation's longest texts in place. Returns true when anything was cut. */
export function fitConversation(c: Conversation, budget = CONTENT_BUDGET_BYTES): boolean {
  const parts = [...c.system, ...c.input.flatMap((m) => m.parts), ...c.output.flatMap((m) => m.parts)];
  const slots = parts.flatMap(slotsOf);
  // Most records are far below the budget even at the worst cost per unit: nothing to measure.
  const units = slots.reduce((n, s) => n + s.get().length, 0);
  if (units * MAX_BYTES_PER_UNIT <= budget) return false;
  const sizes = slots.map((s) => encodedBytes(s.get()));
  if (sizes.reduce((a, b) => a + b, 0) <= budget) return false;
  const cap = capFor(sizes, budget);
  slots.forEach((slot, i) => {
    if (sizes[i]! > cap) slot.set(shorten(slot.get(), sizes[i]!, cap));
  });
  return true;
}
