// PostgreSQL's text type cannot hold U+0000: a NUL in any string of a request body would end
// as a database error (22021) and a 500. Bodies are checked once, in parseJsonBody, and the
// field is named in the 422.

const MAX_DEPTH = 32;

/** The dotted path of the first string holding U+0000, or null. */
export function pathOfNul(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_" : null;
  if (depth > MAX_DEPTH || typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key.replace(/\u0000/g, "")].join(".");
    const found = pathOfNul(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
