import { RE2JS } from "re2js";

// What timing a pattern cannot see. RE2's time is linear in the text, but a counted repeat of
// a part that can match nothing (`(?:[a-z]?){50}`) keeps every copy open at once, so each
// character of text costs the square of the count: 40 ms per 20 KB at {50}, 0.6 s at {1000}.
// Timing on a sample misses it when the pattern starts with text the sample lacks (`u…`,
// `qzx…`), and a tenant can send records that have it. So such repeats are refused by shape:
// the pattern is scanned for each `{n,m}` and its operand compiled on its own.

/** The largest count a repeat of a part that can match empty text may have. */
const MAX_NULLABLE_COUNT = 1;

/** A counted repeat at the start of the text: `{n}`, `{n,}`, `{n,m}`. */
const COUNT = /^\{(\d+)(?:,(\d*))?\}/;

/** Where the escape starting at `i` ends (its last character): `\x`, `\Q…\E`, `\pL`, `\p{…}`. */
function escapeEnd(pattern: string, i: number): number {
  if (pattern[i + 1] === "Q") {
    const quoted = pattern.indexOf("\\E", i + 2);
    return quoted < 0 ? pattern.length : quoted + 1;
  }
  if (pattern[i + 1] === "p" || pattern[i + 1] === "P") {
    return pattern[i + 2] === "{" ? Math.max(i + 1, pattern.indexOf("}", i)) : i + 2;
  }
  return i + 1;
}

/** Where the class opened at `i` ends: the first `]` that is not its first character, skipping escapes and [:name:]. */
function classEnd(pattern: string, i: number): number {
  let j = i + 1;
  if (pattern[j] === "^") j++;
  if (pattern[j] === "]") j++;
  for (; j < pattern.length && pattern[j] !== "]"; j++) {
    if (pattern[j] === "\\") j++;
    else if (pattern.startsWith("[:", j)) j = Math.max(j, pattern.indexOf(":]", j + 2) + 1);
  }
  return j;
}

/** Where the atom ending just before `end` starts: a group, a class, an escape or a character. */
function operandStart(
  pattern: string,
  end: number,
  groupStarts: Map<number, number>,
  classStarts: Map<number, number>,
) {
  const last = end - 1;
  if (pattern[last] === ")") return groupStarts.get(last);
  if (pattern[last] === "]") return classStarts.get(last);
  if (last >= 1 && pattern[last - 1] === "\\") return last - 1;
  return last;
}

/** The counted repeats of a pattern: [operand, largest count] (an open `{n,}` counts n). */
function countedRepeats(pattern: string): [string, number][] {
  const repeats: [string, number][] = [];
  const open: number[] = [];
  const groupStarts = new Map<number, number>();
  const classStarts = new Map<number, number>();
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i = escapeEnd(pattern, i);
    else if (c === "[") {
      const end = classEnd(pattern, i);
      classStarts.set(end, i);
      i = end;
    } else if (c === "(") open.push(i);
    else if (c === ")") {
      const start = open.pop();
      if (start !== undefined) groupStarts.set(i, start);
    } else if (c === "{") {
      const count = COUNT.exec(pattern.slice(i));
      if (!count) continue;
      const start = operandStart(pattern, i, groupStarts, classStarts);
      if (start !== undefined && start >= 0) {
        repeats.push([pattern.slice(start, i), Number(count[2] || count[1])]);
      }
      i += count[0].length - 1;
    }
  }
  return repeats;
}

/**
 * The same cost written out: `.?.?.?…` (or `(?:x|)` pairs) has no counted repeat for the scan
 * above to see, yet keeps every optional part open at once. 245 of them fit in 500 characters
 * and cost 0.5 s per 44 KB of text after a prefix the timing sample lacks (`qzx`).
 */
const MAX_OPTIONAL_PARTS = 16;

/** How many optional parts the pattern writes out: `x?`, `x*`, `x{0,n}` and empty alternatives. */
function optionalParts(pattern: string): number {
  let parts = 0;
  // What the previous token was: a quantifier makes a following `?` lazy; `(` makes it group syntax.
  let previous: "atom" | "quantifier" | "open" | "bar" = "open";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\" || c === "[") {
      i = c === "[" ? classEnd(pattern, i) : escapeEnd(pattern, i);
      previous = "atom";
    } else if (c === "(") {
      if (pattern[i + 1] === "?") {
        // (?:…), (?i:…), (?P<name>…), (?i): the group's syntax, not a quantifier.
        const colon = /^\(\?(?:P?<[^>]*>|[a-zA-Z-]*:?)/.exec(pattern.slice(i));
        i += (colon?.[0].length ?? 2) - 1;
      }
      previous = "open";
    } else if (c === ")") {
      if (previous === "bar" || previous === "open") parts++; // `(x|)` or `()`
      previous = "atom";
    } else if (c === "|") {
      if (previous === "bar" || previous === "open") parts++; // `(|x)` or `x||y`
      previous = "bar";
    } else if (c === "?" || c === "*") {
      if (previous === "atom") parts++;
      previous = "quantifier";
    } else if (c === "+") {
      previous = "quantifier";
    } else if (c === "{") {
      const count = COUNT.exec(pattern.slice(i));
      if (!count) {
        previous = "atom";
        continue;
      }
      if (previous === "atom" && Number(count[1]) === 0) parts++;
      i += count[0].length - 1;
      previous = "quantifier";
    } else previous = "atom";
  }
  if (previous === "bar") parts++; // `x|` at the end
  return parts;
}

/** Why the pattern's shape makes it too slow for every record, or null. */
export function shapeProblem(pattern: string): string | null {
  const optional = optionalParts(pattern);
  if (optional > MAX_OPTIONAL_PARTS) {
    return `This pattern has ${optional} optional parts (x?, x*, x{0,n}), and each keeps the search open at every character: use at most ${MAX_OPTIONAL_PARTS}, e.g. one bounded repeat such as .{0,30} rather than .?.?.?…`;
  }
  for (const [operand, count] of countedRepeats(pattern)) {
    if (count <= MAX_NULLABLE_COUNT) continue;
    let nullable = false;
    try {
      nullable = RE2JS.compile(`(?:${operand})`).matches("");
    } catch {
      // The operand alone is not a pattern (the scan cut it wrongly): the whole pattern was
      // compiled already, and timing still applies.
    }
    if (nullable) {
      return `"${operand}" can match nothing, and repeating it {${count}} times makes every character cost ${count}² steps: write it as one bounded repeat, e.g. [a-z]{0,30} rather than (?:[a-z]?){30}`;
    }
  }
  return null;
}
