import { config } from "../config/env";
import { database } from "../db/database";
import { gatewayRecord, keyHashOf, type GatewayRecord } from "../tracing/gateway-record";
import { mapRecordToSpan } from "../tracing/span-mapping";
import { spanIdentity } from "../tracing/span-ids";
import { recordTimes, type RecordTimes } from "../tracing/record-times";
import { sealFrame } from "../delivery/outbox-payload";
import { encodeSpanFrame } from "../otlp/span-frame";
import { insertOutboxRows, type NewOutboxRow } from "../delivery/outbox-store";
import { wakeWorker } from "../delivery/wake";
import { loadKeyTargets, skipReason, type KeyTarget } from "./attribution";
import { parseRecord } from "./parse-record";
import { RecordSplitter, type RawRecord } from "./record-stream";

// Durable enqueue of a streamed ingest body. Records are read one by one as the body
// arrives and handled in slices (≤ 2 MB or 500 records): each slice is attributed, mapped
// to one span per active drain of its environment, sealed (compressed + encrypted) and
// written in one transaction. A bad record is skipped with its index and a reason; it never
// costs the others. Memory is bounded by a slice, whatever the size of the body.

export type Skipped = { index: number; reason: string };
export type IngestResult = { accepted: number; skipped: Skipped[]; queued: number; records: number };

export class IngestBodyError extends Error {
  override name = "IngestBodyError";
}
export class IngestTooLargeError extends Error {
  override name = "IngestTooLargeError";
}

const SLICE_BYTES = 2 * 1024 * 1024;
const SLICE_RECORDS = 500;

type Candidate = { index: number; record: GatewayRecord; bytes: Buffer; hash: string; times: RecordTimes };

function prepare(raw: RawRecord): Candidate | Skipped {
  const parsed = parseRecord(raw);
  if ("error" in parsed) return { index: raw.index, reason: parsed.error };
  const result = gatewayRecord.safeParse(parsed.value);
  if (!result.success) return { index: raw.index, reason: "not a JSON object" };
  const hash = keyHashOf(result.data);
  if (!hash) return { index: raw.index, reason: "missing metadata.user_api_key_hash" };
  const times = recordTimes(result.data);
  if ("error" in times) return { index: raw.index, reason: times.error };
  return { index: raw.index, record: result.data, bytes: (raw as { bytes: Buffer }).bytes, hash, times };
}

class Ingest {
  readonly result: IngestResult = { accepted: 0, skipped: [], queued: 0, records: 0 };
  private readonly targets = new Map<string, KeyTarget | undefined>();
  private malformed = 0;

  async slice(raws: RawRecord[]): Promise<void> {
    this.result.records += raws.length;
    const candidates: Candidate[] = [];
    for (const raw of raws) {
      const prepared = prepare(raw);
      if ("reason" in prepared) {
        if (prepared.reason === "malformed JSON" || prepared.reason.startsWith("truncated")) this.malformed++;
        this.result.skipped.push(prepared);
      } else candidates.push(prepared);
    }
    const unknown = [...new Set(candidates.map((c) => c.hash))].filter((h) => !this.targets.has(h));
    if (unknown.length > 0) {
      const loaded = await loadKeyTargets(unknown);
      for (const h of unknown) this.targets.set(h, loaded.get(h));
    }
    const keyring = config().drainKeyring;
    const frames: { drainId: string; spanId: string; frame: Buffer }[] = [];
    const usedKeys = new Set<string>();
    for (const c of candidates) {
      const target = this.targets.get(c.hash);
      const reason = skipReason(target);
      if (reason || !target) {
        this.result.skipped.push({ index: c.index, reason: reason ?? "unknown key" });
        continue;
      }
      try {
        const ids = spanIdentity(c.record, () => c.bytes.toString("utf8"));
        const encoded = target.environment.llmTraceDrains.map((drain) => ({
          drainId: drain.id,
          spanId: ids.spanId,
          frame: encodeSpanFrame(
            mapRecordToSpan(c.record, {
              ...ids,
              organizationId: target.organizationId,
              environmentId: target.environment.id,
              environmentHandle: target.environment.handle,
              keyAlias: target.alias,
              forwardContent: drain.forwardContent,
              times: c.times,
            }),
          ),
        }));
        frames.push(...encoded);
        usedKeys.add(target.id);
        this.result.accepted++;
      } catch (err) {
        const what = err instanceof Error ? err.name : typeof err;
        this.result.skipped.push({ index: c.index, reason: `could not be converted to a span (${what})` });
      }
    }
    if (frames.length > 0) {
      // Compression runs on the thread pool, several frames at once.
      const rows: NewOutboxRow[] = await Promise.all(
        frames.map(async (f) => ({
          drainId: f.drainId,
          spanId: f.spanId,
          ...(await sealFrame(keyring, f.drainId, f.spanId, f.frame)),
        })),
      );
      await insertOutboxRows(database().driver, rows, [...usedKeys]);
      this.result.queued += rows.length;
      wakeWorker();
    }
  }

  /** True when the body held no usable JSON at all: then it is a bad request, not a batch. */
  unreadable(): boolean {
    return this.result.records === 0 || this.malformed === this.result.records;
  }
}

export async function ingestBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<IngestResult> {
  const ingest = new Ingest();
  const splitter = new RecordSplitter();
  let pending: RawRecord[] = [];
  let pendingBytes = 0;
  let total = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const slice = pending;
    pending = [];
    pendingBytes = 0;
    await ingest.slice(slice);
  };
  const take = async (records: RawRecord[]) => {
    for (const r of records) {
      pending.push(r);
      pendingBytes += "bytes" in r ? r.bytes.length : 0;
      if (pendingBytes >= SLICE_BYTES || pending.length >= SLICE_RECORDS) await flush();
    }
  };
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new IngestTooLargeError(`The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      }
      await take(splitter.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
    }
  }
  await take(splitter.end());
  await flush();
  if (ingest.unreadable()) {
    throw new IngestBodyError(
      ingest.result.records === 0
        ? "The request body is empty; send a JSON array of records, NDJSON, or one record"
        : "The body is not JSON, a JSON array of records, or NDJSON (malformed or truncated)",
    );
  }
  ingest.result.skipped.sort((a, b) => a.index - b.index);
  return ingest.result;
}
