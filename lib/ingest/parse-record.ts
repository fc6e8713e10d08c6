import type { RawRecord } from "./record-stream";

// One record's bytes → a JSON value, or the reason it is skipped. Python's encoder (which
// LiteLLM uses) may write NaN / Infinity, which JSON.parse refuses: those tokens are
// rewritten to null outside strings, and only when the plain parse failed. Nesting is
// bounded before parsing: deeper values break the recursive steps that follow
// (serialisation, the span mapping) and no real gateway record comes close.

export const MAX_RECORD_DEPTH = 64;

/** Replaces bare NaN, Infinity and -Infinity tokens (outside strings) with null. */
export function replaceNonFiniteTokens(text: string): string {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    let token: string | null = null;
    if (c === 78 && text.startsWith("NaN", i)) token = "NaN";
    else if (c === 73 && text.startsWith("Infinity", i)) token = "Infinity";
    else if (c === 45 && text.startsWith("-Infinity", i)) token = "-Infinity";
    if (token) {
      out += text.slice(last, i) + "null";
      i += token.length - 1;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

export function parseRecord(raw: RawRecord): { value: unknown } | { error: string } {
  if ("error" in raw) return { error: raw.error };
  if (raw.depth > MAX_RECORD_DEPTH) return { error: `nested deeper than ${MAX_RECORD_DEPTH} levels` };
  const text = raw.bytes.toString("utf8");
  try {
    return { value: JSON.parse(text) };
  } catch {
    const rewritten = replaceNonFiniteTokens(text);
    if (rewritten !== text) {
      try {
        return { value: JSON.parse(rewritten) };
      } catch {
        // fall through
      }
    }
    return { error: "malformed JSON" };
  }
}
