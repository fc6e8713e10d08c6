import { buildRecord, RECORD_KINDS } from "../../lib/simulator/records";
import { seededRandom } from "../../lib/simulator/prose";

// Request bodies as a LiteLLM proxy posts them: JSON arrays of StandardLoggingPayload
// records of ~`size` bytes each, prose-like text (word salad, compressing ~3× like real
// prompts, not 50× like a repeated phrase), every kind of record. Each record is stored as
// its JSON without `id` and times, so every send gets fresh ids (distinct spans) and times
// (for delivery latency) at the cost of a string concatenation.

export type BodyTemplate = { records: string[] };

const VARIABLE = new Set(["id", "startTime", "endTime", "completionStartTime"]);

export function makeTemplates(count: number, perBody: number, size: number, keySecret: string): BodyTemplate[] {
  const random = seededRandom(42);
  const unpadded = new Map(
    RECORD_KINDS.map((kind) => [
      kind,
      Buffer.byteLength(JSON.stringify(buildRecord({ kind, keySecret, sessionId: "s" }))),
    ]),
  );
  return Array.from({ length: count }, (_, b) => ({
    records: Array.from({ length: perBody }, (_, i) => {
      const kind = RECORD_KINDS[(b * perBody + i) % RECORD_KINDS.length]!;
      const padding = Math.max(size - unpadded.get(kind)!, 0);
      const record = buildRecord({
        kind,
        keySecret,
        sessionId: i % 3 === 0 ? undefined : `session-${b}-${i % 50}`,
        padding,
        random,
      });
      const rest = Object.fromEntries(Object.entries(record).filter(([k]) => !VARIABLE.has(k)));
      return JSON.stringify(rest).slice(1);
    }),
  }));
}

/** One body: the template's records with unique ids and the current time. */
export function renderBody(template: BodyTemplate, runId: string, sequence: number): Buffer {
  const now = Date.now() / 1000;
  const head = `"startTime":${now - 1.2},"endTime":${now},"completionStartTime":${now},`;
  const parts = template.records.map((rest, i) => `{"id":"bench-${runId}-${sequence}-${i}",${head}${rest}`);
  return Buffer.from(`[${parts.join(",")}]`);
}
