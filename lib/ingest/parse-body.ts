// Parses what LiteLLM's generic logging callback posts: a JSON array of records
// (json_array, its default), newline-delimited JSON (ndjson), or one record (single).
// Python's encoder may write NaN / Infinity, which JSON.parse refuses; those tokens are
// rewritten to null outside strings. Each NDJSON line stands alone, so one bad line is
// reported for its index instead of failing the batch.

export type ParsedBody = { records: unknown[]; lineErrors: { index: number; reason: string }[] };

export class BodyParseError extends Error {
  override name = "BodyParseError";
}

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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (first) {
    // Only pay for the rewrite when the plain parse failed.
    const rewritten = replaceNonFiniteTokens(text);
    if (rewritten === text) throw first;
    return JSON.parse(rewritten);
  }
}

export function parseIngestBody(text: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === "")
    throw new BodyParseError("The request body is empty; send a JSON array of records, NDJSON, or one record");
  if (trimmed.startsWith("[")) {
    let value: unknown;
    try {
      value = parseJson(trimmed);
    } catch (err) {
      throw new BodyParseError(`The JSON array is malformed or truncated: ${(err as Error).message.slice(0, 200)}`);
    }
    if (!Array.isArray(value)) throw new BodyParseError("Expected a JSON array of records");
    return { records: value, lineErrors: [] };
  }
  try {
    return { records: [parseJson(trimmed)], lineErrors: [] };
  } catch {
    // Not one JSON value: treat it as NDJSON.
  }
  const lines = trimmed.split(/\r?\n/);
  const records: unknown[] = [];
  const lineErrors: ParsedBody["lineErrors"] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") {
      records.push(undefined);
      return;
    }
    try {
      records.push(parseJson(line));
    } catch {
      records.push(undefined);
      lineErrors.push({ index, reason: "malformed JSON line" });
    }
  });
  if (lineErrors.length === lines.length) throw new BodyParseError("The body is not JSON, a JSON array, or NDJSON");
  return { records, lineErrors };
}
