import { RE2JS } from "re2js";
import { DETECTORS, type DetectorId } from "./detectors";

// "Redact before forwarding": the built-in detectors a drain switched on, then its custom
// patterns, applied to a text; each match becomes a typed placeholder. Custom patterns run
// on RE2 (re2js), whose matching time is linear in the text: a pattern a customer typed
// cannot stall ingest, whatever it is.

export type CustomPattern = { name: string; pattern: string };
export type RedactionSettings = { detectors: readonly DetectorId[]; customPatterns: readonly CustomPattern[] };
export type Redacted = { text: string; counts: Record<string, number> };
export type Redactor = (text: string) => Redacted;

/** `[MRN]` for a pattern named "mrn" or "MRN": upper case, anything else an underscore. */
export function placeholderFor(name: string): string {
  return `[${name
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")}]`;
}

/** Why a custom pattern cannot be used, or null. RE2 refuses backreferences and lookaround. */
export function patternProblem(pattern: string): string | null {
  try {
    const compiled = RE2JS.compile(pattern);
    if (compiled.matches("")) return "This pattern matches empty text, so it would match everywhere";
    return null;
  } catch (err) {
    const detail = err instanceof Error ? err.message : "invalid";
    return `Not a pattern this engine runs (RE2 syntax, no backreferences or lookaround): ${detail}`;
  }
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

export function compileRedactor(settings: RedactionSettings): Redactor {
  const builtIns = settings.detectors.map((id) => DETECTORS[id]);
  const custom = settings.customPatterns.map((p) => ({
    key: p.name,
    placeholder: placeholderFor(p.name),
    re: RE2JS.compile(p.pattern),
  }));
  return (input) => {
    let text = input;
    const counts: Record<string, number> = {};
    // Learned once per text: most passes ask the same question of it.
    const facts = { hasDigit: builtIns.length > 0 && /\d/.test(text) };
    for (const d of builtIns) {
      for (const pass of d.passes) {
        if (!pass.mayMatch(text, facts)) continue;
        text = text.replace(pass.pattern, (match) => {
          if (pass.accept && !pass.accept(match)) return match;
          counts[d.id] = (counts[d.id] ?? 0) + 1;
          return pass.replace ? pass.replace(match) : d.placeholder;
        });
      }
    }
    for (const c of custom) {
      // One RE2 pass: the matches are counted by the placeholders they left.
      const before = occurrences(text, c.placeholder);
      const replaced = c.re.matcher(text).replaceAll(c.placeholder);
      if (replaced === text) continue;
      const n = occurrences(replaced, c.placeholder) - before;
      if (n > 0) counts[c.key] = (counts[c.key] ?? 0) + n;
      text = replaced;
    }
    return { text, counts };
  };
}
