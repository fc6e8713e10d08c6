import { RE2JS } from "re2js";
import { DETECTORS, type DetectorId } from "./detectors";
import { shapeProblem } from "./pattern-shape";
import { log } from "../log";

// "Redact before forwarding": the built-in detectors a drain switched on, then its custom
// patterns, applied to a text; each match becomes a typed placeholder. Custom patterns run
// on RE2 (re2js), whose matching time is linear in the text; what makes that linear time
// long is refused when the pattern is saved (below, and pattern-shape.ts).

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

/**
 * RE2 is linear in the text, but its cost per character grows with what a pattern keeps
 * open at once: `(?:[a-z]?){1000}` costs ~1.2 s per 40 KB record, and ingest threads are
 * shared by every organization. A pattern is timed once when it is saved, on a fixed 8 KB
 * text of every kind of character a record holds; ordinary patterns take under 3 ms there.
 */
export const PATTERN_BUDGET_MS = 15;
/** RE2's program size, its own rough measure of a pattern's cost: `[^\s]{20,200}` is 382. */
const MAX_PROGRAM_SIZE = 1000;
export const PATTERNS_BUDGET_MS = 30;
const COST_SAMPLE = (() => {
  const words = [
    "Patient",
    "reports",
    "chest",
    "pain",
    "since",
    "Monday;",
    "BP",
    "130/80,",
    "MRN-004471",
    "a1c",
    "7.2%",
  ];
  const more = ["jane.doe@example.com", "(415) 555-0132", "https://x.example/a?b=1", '{"k": [1, 2]}', "\n", "…", "é"];
  const all = [...words, ...more];
  let text = "";
  for (let i = 0; text.length < 8192; i++) text += `${all[(i * 7 + (i >> 3)) % all.length]} `;
  return text;
})();

/**
 * Milliseconds a compiled pattern takes over the sample: the fastest of three runs, since noise
 * only adds (the first run in a fresh process also pays for compiling RE2's own code).
 */
function costMs(re: RE2JS): number {
  let best = Infinity;
  for (let run = 0; run < 3 && best > PATTERN_BUDGET_MS / 10; run++) {
    const started = performance.now();
    re.matcher(COST_SAMPLE).replaceAll("[X]");
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Why a custom pattern cannot be used, or null. RE2 refuses backreferences and lookaround. */
export function patternProblem(pattern: string): string | null {
  return checkPattern(pattern).problem;
}

const LINEAR = "RE2 runs in time linear in the text, without them";

/** RE2's parse error ("error parsing regexp: missing closing ]: `[a-z`") in words a user can act on. */
function syntaxProblem(err: unknown): string {
  const parsed = /^error parsing regexp: (.+?)(?:: `(.*)`)?$/s.exec(err instanceof Error ? err.message : "");
  const what = parsed?.[1] ?? "invalid syntax";
  const at = parsed?.[2] ?? "";
  if (/^\\[1-9]/.test(at)) return `Backreferences such as \\1 are not supported: ${LINEAR}`;
  if (/^\(\?<?[=!]/.test(at)) return `Lookahead and lookbehind such as (?=…) are not supported: ${LINEAR}`;
  return `Not a valid pattern (RE2 syntax): ${what}${at ? ` at ${at}` : ""}`;
}

function checkPattern(pattern: string): { problem: string | null; ms: number } {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (err) {
    return { problem: syntaxProblem(err), ms: 0 };
  }
  if (compiled.matches("")) return { problem: "This pattern matches empty text, so it would match everywhere", ms: 0 };
  const shape = shapeProblem(pattern);
  if (shape) return { problem: shape, ms: 0 };
  if (compiled.programSize() > MAX_PROGRAM_SIZE) return { problem: tooLarge, ms: 0 };
  const ms = costMs(compiled);
  if (ms > PATTERN_BUDGET_MS) return { problem: tooSlow, ms };
  return { problem: null, ms };
}

const tooSlow =
  "This pattern is too slow to run on every record: use fewer optional or repeated parts (e.g. [a-z]{0,30} rather than (?:[a-z]?){30})";

const tooLarge = "This pattern is too large to run on every record: use smaller repeat counts or fewer alternatives";

/** Per pattern, why it cannot be used (or null), including when together they cost too much. */
export function patternProblems(patterns: readonly string[]): (string | null)[] {
  const checked = patterns.map(checkPattern);
  const total = checked.reduce((ms, c) => ms + c.ms, 0);
  if (total <= PATTERNS_BUDGET_MS) return checked.map((c) => c.problem);
  // Together over budget: the costliest one is named.
  const costliest = checked.reduce((best, c, i) => (c.ms > checked[best]!.ms ? i : best), 0);
  return checked.map((c, i) =>
    i === costliest
      ? (c.problem ?? "These patterns together are too slow to run on every record: simplify this one")
      : c.problem,
  );
}

type Segment = { text: string; redacted: boolean };

/**
 * Custom patterns in turn, each only over text no pattern has replaced yet: a placeholder is
 * never matched again. Matched again, a pattern named with many Q's followed by one matching
 * "Q" grew the text by a factor of each placeholder's length per pattern (twenty such patterns
 * turned 34 characters into more than a string can hold).
 */
function redactCustom(
  text: string,
  patterns: readonly { key: string; placeholder: string; re: RE2JS }[],
  counts: Record<string, number>,
): string {
  let segments: Segment[] = [{ text, redacted: false }];
  for (const p of patterns) {
    let found = 0;
    segments = segments.flatMap((segment) => {
      if (segment.redacted) return [segment];
      const m = p.re.matcher(segment.text);
      const out: Segment[] = [];
      let from = 0;
      while (m.find()) {
        // A zero-width match (`\b`) redacts nothing.
        if (m.end() === m.start()) continue;
        if (m.start() > from) out.push({ text: segment.text.slice(from, m.start()), redacted: false });
        out.push({ text: p.placeholder, redacted: true });
        from = m.end();
        found++;
      }
      if (from === 0) return [segment];
      if (from < segment.text.length) out.push({ text: segment.text.slice(from), redacted: false });
      return out;
    });
    if (found > 0) counts[p.key] = (counts[p.key] ?? 0) + found;
  }
  return segments.length === 1 ? segments[0]!.text : segments.map((s) => s.text).join("");
}

/**
 * The last line of defence behind the save-time checks, which only refuse shapes and time
 * patterns on a sample: custom patterns that take longer than this on real text (ordinary
 * ones take well under 1 ms per KB even on a loaded machine; the costly shapes found so far,
 * 10 ms and more) are found at run time: once they have taken longer than this on a few
 * texts (one could be a pause of the whole thread), that redactor withholds each text instead
 * of running them. The texts that went over were redacted in full.
 */
export type RuntimeBudget = { msPerKb: number; minMs: number; strikes: number };
const RUNTIME_BUDGET: RuntimeBudget = { msPerKb: 5, minMs: 100, strikes: 3 };

/** A redactor that replaces every non-empty text with the pattern's placeholder. */
function withholding(name: string): Redactor {
  const placeholder = placeholderFor(name);
  return (input) => (input === "" ? { text: "", counts: {} } : { text: placeholder, counts: { [name]: 1 } });
}

export function compileRedactor(settings: RedactionSettings, budget = RUNTIME_BUDGET): Redactor {
  // A pattern saved before its shape was checked: every text is withheld under its
  // placeholder, so the drain still receives its spans, and no content it meant to redact.
  const refused = settings.customPatterns.find((p) => shapeProblem(p.pattern) !== null);
  if (refused) return withholding(refused.name);
  // Once each, whatever the stored settings list (a copy would run the same pass again).
  const builtIns = [...new Set(settings.detectors)].map((id) => DETECTORS[id]);
  const custom = settings.customPatterns.map((p) => ({
    key: p.name,
    placeholder: placeholderFor(p.name),
    re: RE2JS.compile(p.pattern),
  }));
  let tripped: Redactor | undefined;
  let strikes = 0;
  return (input) => {
    if (tripped) return tripped(input);
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
    if (custom.length > 0) {
      const started = performance.now();
      text = redactCustom(text, custom, counts);
      const ms = performance.now() - started;
      const over = ms > Math.max(budget.minMs, (budget.msPerKb * input.length) / 1024);
      if (over && ++strikes >= budget.strikes) {
        log.warn("custom redaction patterns too slow on real text: texts are withheld from now on", {
          patterns: custom.map((p) => p.key).join(", "),
          ms: Math.round(ms),
          textBytes: input.length,
        });
        tripped = withholding(custom[0]!.key);
      }
    }
    return { text, counts };
  };
}
