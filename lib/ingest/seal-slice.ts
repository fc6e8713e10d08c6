import type { Keyring } from "../crypto/keyring";
import { gatewayRecord, keyHashOf, type GatewayRecord } from "../tracing/gateway-record";
import { recordTimes, type RecordTimes } from "../tracing/record-times";
import { spanIdentity } from "../tracing/span-ids";
import { mapRecordToSpan } from "../tracing/span-mapping";
import { destinationFor } from "../destinations/server-registry";
import type { SpanEncoding } from "../destinations/types";
import { formatFor } from "../delivery/payload-formats";
import { sealSpanMember, spanMember } from "../delivery/outbox-payload";
import { clientMetadata } from "../tracing/client-metadata";
import { compileRedactor, type RedactionSettings, type Redactor } from "../redaction/redactor";
import { redactSpan } from "../redaction/redact-span";
import { redactRecordContent } from "../redaction/redact-record";
import type { DrainControls } from "../validation/drain-controls";
import { selectRecord } from "./drain-selection";
import { parseRecord } from "./parse-record";

// The CPU side of ingest, for one slice of records: parse (depth-checked), validate, map to
// one span per drain (with its destination's extra attributes), encode as an OTLP protobuf
// frame (or OTLP/JSON for a destination that takes it), gzip, encrypt. It runs on the ingest
// threads (ingest-thread.ts) or, without them, in process. Input and output are packed into
// single buffers so a slice crosses threads with two transfers and no copies, and its output
// is already the shape of the outbox INSERT. Each record is finished before the next is
// parsed: its garbage dies young.

export type SealTarget =
  | {
      keyId: string;
      organizationId: string;
      environmentId: string;
      environmentHandle: string;
      keyAlias: string | null;
      drains: SealDrain[];
    }
  | { skip: string };

/** A drain as sealing needs it: its destination type (extra attributes), span encoding and controls. */
export type SealDrain = {
  id: string;
  forwardContent: boolean;
  type: string;
  encoding: SpanEncoding;
  controls?: DrainControls;
};

export type SealJob = {
  data: ArrayBuffer;
  records: { index: number; offset: number; length: number; depth: number; hash?: string }[];
  targets: Record<string, SealTarget>;
};

export type SealedRows = {
  payloads: ArrayBuffer;
  offsets: number[];
  lengths: number[];
  drainIds: string[];
  spanIds: string[];
  sizeBytes: number[];
  formats: number[];
};

export type SealResult = {
  accepted: number;
  /** Per drain, records its sampling or filters left out (counted, not sent). */
  leftOut: Record<string, { sampled: number; filtered: number }>;
  skipped: { index: number; reason: string }[];
  /** Records whose parsed key hash was not the one looked up: look it up and seal again. */
  needsLookup: { index: number; hash: string }[];
  usedKeyIds: string[];
  rows: SealedRows;
};

// One scratch buffer per thread for span frames, compressed as soon as they are written.
const scratch = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
// Compiled redactors by their settings, across slices: drains change far less often than slices.
const redactors = new Map<string, Redactor>();
function redactorFor(key: string, settings: RedactionSettings): Redactor {
  let found = redactors.get(key);
  if (!found) {
    if (redactors.size > 200) redactors.clear();
    found = compileRedactor(settings);
    redactors.set(key, found);
  }
  return found;
}

/**
 * What a drain does to every record of a slice, worked out once per slice: its redactor, and
 * its rendering — drains of one environment alike in destination type, content mode,
 * encoding and redaction share one mapped, encoded and compressed span per record; each
 * still gets its own encryption, bound to its drain.
 */
type DrainPlan = { rendering: string; redact?: Redactor };
function planFor(drain: SealDrain): DrainPlan {
  const redaction = drain.controls?.redaction;
  const redacting = redaction && (redaction.detectors.length > 0 || redaction.customPatterns.length > 0);
  const settings = redacting ? JSON.stringify(redaction) : "";
  return {
    rendering: `${drain.type}|${drain.forwardContent}|${drain.encoding}|${settings}`,
    redact: redacting ? redactorFor(settings, redaction) : undefined,
  };
}

type SpanContext = Parameters<typeof mapRecordToSpan>[1];

/** The record as the drain's destination receives it: mapped, redacted if asked, encoded, compressed. */
function renderSpan(record: GatewayRecord, context: SpanContext, encoding: SpanEncoding, redact?: Redactor) {
  const content = redact ? redactRecordContent(record, redact) : undefined;
  const mapped = mapRecordToSpan(content?.record ?? record, context);
  const span = redact && content ? redactSpan(mapped, redact, content.counts) : mapped;
  return spanMember(span, encoding, scratch);
}

/** Rows with none in them yet, their payloads to be packed into `payloads`. */
export const noRows = (payloads = new ArrayBuffer(0)): SealedRows => ({
  payloads,
  offsets: [],
  lengths: [],
  drainIds: [],
  spanIds: [],
  sizeBytes: [],
  formats: [],
});

/** Why a record without a usable key hash is skipped: "missing" alone misled senders whose hash was there but not hex. */
export const MISSING_KEY_HASH =
  "missing or malformed metadata.user_api_key_hash (expected the sha256 of an LLM key: 64 hex characters)";

/** What ingest knows of one record before rendering it: why it is skipped, or what it is. */
export type CheckedRecord =
  | { skip: string }
  | { lookup: string }
  | { record: GatewayRecord; hash: string; target: Exclude<SealTarget, { skip: string }>; times: RecordTimes };

/** Parse (depth-checked), validate, key and times: the part of sealing that decides a record's fate. */
export function checkRecord(
  bytes: Buffer,
  r: { index: number; depth: number },
  targets: Record<string, SealTarget>,
): CheckedRecord {
  const parsed = parseRecord({ index: r.index, bytes, depth: r.depth });
  if ("error" in parsed) return { skip: parsed.error };
  const validated = gatewayRecord.safeParse(parsed.value);
  if (!validated.success) return { skip: "not a JSON object" };
  const record = validated.data;
  const hash = keyHashOf(record);
  if (!hash) return { skip: MISSING_KEY_HASH };
  const target = targets[hash];
  if (!target) return { lookup: hash };
  if ("skip" in target) return { skip: target.skip };
  const times = recordTimes(record);
  if ("error" in times) return { skip: times.error };
  return { record, hash, target, times };
}

export function sealSlice(job: SealJob, keyring: Keyring): SealResult {
  const data = Buffer.from(job.data);
  const result: SealResult = {
    accepted: 0,
    leftOut: {},
    skipped: [],
    needsLookup: [],
    usedKeyIds: [],
    rows: noRows(),
  };
  const payloads: Buffer[] = [];
  const usedKeys = new Set<string>();
  const plans = new Map<SealDrain, DrainPlan>();
  const planOf = (drain: SealDrain) => plans.get(drain) ?? plans.set(drain, planFor(drain)).get(drain)!;
  let total = 0;
  for (const r of job.records) {
    const bytes = data.subarray(r.offset, r.offset + r.length);
    const skip = (reason: string) => void result.skipped.push({ index: r.index, reason });
    const checked = checkRecord(bytes, r, job.targets);
    if ("skip" in checked) {
      skip(checked.skip);
      continue;
    }
    if ("lookup" in checked) {
      result.needsLookup.push({ index: r.index, hash: checked.lookup });
      continue;
    }
    const { record, target, times } = checked;
    try {
      const ids = spanIdentity(record, () => bytes.toString("utf8"), target.environmentId);
      const failed = record.status === "failure";
      const rendered = new Map<string, { member: Buffer; frameBytes: number }>();
      const sealed = target.drains.flatMap((drain) => {
        const controls = drain.controls;
        if (controls) {
          const sessionId = controls.sampleRate < 100 ? clientMetadata(record).sessionId : undefined;
          const verdict = selectRecord(record, { keyId: target.keyId, failed, sessionId }, controls);
          if (verdict !== "keep") {
            const counts = (result.leftOut[drain.id] ??= { sampled: 0, filtered: 0 });
            counts[verdict]++;
            return [];
          }
        }
        const plan = planOf(drain);
        let span = rendered.get(plan.rendering);
        if (!span) {
          const context = {
            ...ids,
            organizationId: target.organizationId,
            environmentId: target.environmentId,
            environmentHandle: target.environmentHandle,
            keyAlias: target.keyAlias,
            forwardContent: drain.forwardContent,
            times,
            extras: destinationFor(drain.type).spanExtras,
          };
          span = renderSpan(record, context, drain.encoding, plan.redact);
          rendered.set(plan.rendering, span);
        }
        return [
          {
            drainId: drain.id,
            spanId: ids.spanId,
            payload: sealSpanMember(keyring, drain.id, ids.spanId, span.member),
            frameBytes: span.frameBytes,
            format: formatFor(drain.encoding),
          },
        ];
      });
      for (const s of sealed) {
        payloads.push(s.payload);
        result.rows.offsets.push(total);
        result.rows.lengths.push(s.payload.length);
        result.rows.drainIds.push(s.drainId);
        result.rows.spanIds.push(s.spanId);
        result.rows.sizeBytes.push(s.frameBytes);
        result.rows.formats.push(s.format);
        total += s.payload.length;
      }
      usedKeys.add(target.keyId);
      result.accepted++;
    } catch (err) {
      skip(`could not be converted to a span (${err instanceof Error ? err.name : typeof err})`);
    }
  }
  // A buffer of its own (never Node's shared pool), so it can be transferred.
  const packed = Buffer.from(new ArrayBuffer(total));
  let at = 0;
  for (const p of payloads) {
    packed.set(p, at);
    at += p.length;
  }
  result.rows.payloads = packed.buffer as ArrayBuffer;
  result.usedKeyIds = [...usedKeys];
  return result;
}

/** Rows of several slices as one, payload offsets moved along. */
export function concatRows(parts: SealedRows[]): SealedRows {
  const total = parts.reduce((n, p) => n + p.payloads.byteLength, 0);
  const payloads = new Uint8Array(total);
  const merged = noRows(payloads.buffer);
  let base = 0;
  for (const p of parts) {
    payloads.set(new Uint8Array(p.payloads), base);
    for (const offset of p.offsets) merged.offsets.push(base + offset);
    merged.lengths.push(...p.lengths);
    merged.drainIds.push(...p.drainIds);
    merged.spanIds.push(...p.spanIds);
    merged.sizeBytes.push(...p.sizeBytes);
    merged.formats.push(...p.formats);
    base += p.payloads.byteLength;
  }
  return merged;
}
