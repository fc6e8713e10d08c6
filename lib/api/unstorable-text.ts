// PostgreSQL's text and JSON types cannot hold U+0000, nor half of a UTF-16 surrogate pair
// (JSON.parse accepts "\ud800"; PostgreSQL refuses it as JSON and as UTF-8 text): either in
// a request body would end as a database error and a 500. Bodies are checked once, in
// parseJsonBody, and the field is named in the 422.

const MAX_DEPTH = 32;

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or null. */
export function unstorable(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === "\u0000"
    ? "Remove the NUL character (U+0000)"
    : "Remove the broken character (half of a UTF-16 surrogate pair)";
}

/** The dotted path of the first string (or key) that cannot be stored, with why, or null. */
export function unstorableText(
  value: unknown,
  path: string[] = [],
  depth = 0,
): { path: string; problem: string } | null {
  if (typeof value === "string") {
    const problem = unstorable(value);
    return problem ? { path: path.join(".") || "_", problem } : null;
  }
  if (depth > MAX_DEPTH || typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const problem = unstorable(key);
    if (problem) return { path: [...path, key.replace(UNSTORABLE, "")].join("."), problem };
    const found = unstorableText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** The text with what cannot be stored replaced: NULs dropped, half surrogate pairs as U+FFFD. */
export function storableText(text: string): string {
  return text.replace(new RegExp(UNSTORABLE.source, "g"), (c) => (c === "\u0000" ? "" : "\ufffd"));
}
