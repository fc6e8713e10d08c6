import type { AttributeValue, MappedSpan } from "../tracing/span-mapping";
import type { Redactor } from "./redactor";

// What redaction covers beyond the record's content (redacted before mapping, see
// redact-record.ts): the end user's id and the client metadata a destination turns into
// attributes (Langfuse's trace metadata). Identifiers (ids, model names, hashes) are left as
// they are, so traces still group and filter.

const isContent = (key: string) => key === "user.id" || key.startsWith("langfuse.trace.metadata.");

/** Redacts the span's remaining content; `counts` are the record's, added to the span's own. */
export function redactSpan(span: MappedSpan, redact: Redactor, recordCounts: Record<string, number>): MappedSpan {
  const counts: Record<string, number> = { ...recordCounts };
  const add = (found: Record<string, number>) => {
    for (const [k, n] of Object.entries(found)) counts[k] = (counts[k] ?? 0) + n;
  };
  const attributes: Record<string, AttributeValue> = { ...span.attributes };
  for (const key in attributes) {
    const value = attributes[key];
    if (typeof value === "string" && isContent(key)) {
      const r = redact(value);
      add(r.counts);
      attributes[key] = r.text;
    }
  }
  attributes["aptible.redaction.applied"] = true;
  for (const [k, n] of Object.entries(counts))
    attributes[`aptible.redaction.${k.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`] = n;
  return { ...span, attributes };
}
