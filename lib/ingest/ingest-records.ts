import { config } from "../config/env";
import { database } from "../db/database";
import { countLeftOut } from "../delivery/outbox-store";
import { wakeWorker } from "../delivery/wake";
import { lookUpTargets, storeRows, storeStaged } from "./shared-queries";
import { keyHashInBytes } from "./key-hash";
import { RecordSplitter, type RawRecord } from "./record-stream";
import { sealOffThread, stageOffThread } from "./seal-pool";
import { offerStaged, stagingEnabled } from "./stage-sealer";
import { Permits } from "./slice-permits";
import { SkipList } from "./skip-list";
import { bufferBudgetState, HeldBytes, IngestBusyError } from "./buffer-budget";
import { log } from "../log";
import type { SealJob, SealResult, SealTarget } from "./seal-slice";
import type { StageResult } from "./stage-slice";

// Durable enqueue of a streamed ingest body. Records are split out as the body arrives and
// handed on in slices (about 1 MB or 256 records). For each slice this thread looks up the keys'
// targets (cached for the request), an ingest thread seals the records (seal-slice.ts), and
// this thread writes the result in one statement. With staging (PostgreSQL servers; see
// stage-sealer.ts) the thread only checks the records and packs them encrypted, this thread
// stores that, and sealing happens after the answer; both queries are shared with other
// requests' slices in flight at the same moment (shared-queries.ts). Several slices are in
// flight at once, a few per request and a budget of bytes in all (slice-permits.ts), so
// memory stays bounded whatever the size of the body or the number of senders. A bad record is
// skipped with its index and a reason; it never costs the others.

export type Skipped = { index: number; reason: string };
export type IngestResult = { accepted: number; skipped: SkipList; queued: number; records: number };

export class IngestBodyError extends Error {
  override name = "IngestBodyError";
}
export class IngestTooLargeError extends Error {
  override name = "IngestTooLargeError";
}

type ReadRecord = Extract<RawRecord, { bytes: Buffer }>;

const SLICE_BYTES = 1024 * 1024;
const SLICE_RECORDS = 256;
const MAX_IN_FLIGHT = 4;
/**
 * A slice's weight in the budget across requests: its bytes and a little for its own upkeep,
 * but no more than two ordinary slices, so one slice of a huge record never takes the whole
 * budget and holds every other sender's small requests behind it.
 */
const SLICE_OVERHEAD = 4096;
const SLICE_MAX_WEIGHT = 2 * SLICE_BYTES;
// Across requests: bytes enough to keep every ingest thread busy while other slices are stored.
let permits: Permits | undefined;
export const slicePermits = () =>
  (permits ??= new Permits(Math.max(MAX_IN_FLIGHT, config().ingestThreads * 4) * SLICE_BYTES));

class Ingest {
  readonly result: IngestResult = { accepted: 0, skipped: new SkipList(), queued: 0, records: 0 };
  /** Key targets for this request; slices in flight together share one lookup per key. */
  private readonly targets = new Map<string, Promise<SealTarget>>();
  private malformed = 0;

  private async resolve(hashes: Iterable<string>): Promise<Record<string, SealTarget>> {
    const wanted = [...new Set(hashes)];
    const unknown = wanted.filter((h) => !this.targets.has(h));
    if (unknown.length > 0) {
      const loading = lookUpTargets(unknown);
      for (const h of unknown)
        this.targets.set(
          h,
          loading.then((m) => m.get(h)!),
        );
    }
    return Object.fromEntries(await Promise.all(wanted.map(async (h) => [h, await this.targets.get(h)!] as const)));
  }

  private job(records: { raw: ReadRecord; hash?: string }[], targets: Record<string, SealTarget>): SealJob {
    const total = records.reduce((n, r) => n + r.raw.bytes.length, 0);
    const data = Buffer.from(new ArrayBuffer(total));
    let offset = 0;
    const entries = records.map(({ raw, hash }) => {
      data.set(raw.bytes, offset);
      const entry = { index: raw.index, offset, length: raw.bytes.length, depth: raw.depth, hash };
      offset += raw.bytes.length;
      return entry;
    });
    return { data: data.buffer as ArrayBuffer, records: entries, targets };
  }

  async slice(raws: RawRecord[]): Promise<void> {
    this.result.records += raws.length;
    const records: { raw: ReadRecord; hash?: string }[] = [];
    for (const raw of raws) {
      if ("error" in raw) {
        // A record too large is well-formed JSON for all we know: the batch is not unreadable.
        if (!raw.tooLarge) this.malformed++;
        this.result.skipped.add({ index: raw.index, reason: raw.error });
      } else records.push({ raw, hash: keyHashInBytes(raw.bytes) });
    }
    const targets = await this.resolve(records.flatMap((r) => (r.hash ? [r.hash] : [])));
    const process = stagingEnabled() ? (job: SealJob) => this.stage(job) : (job: SealJob) => this.seal(job);
    const needsLookup = await process(this.job(records, targets));
    if (needsLookup.length > 0) {
      // The key hash read from the bytes was not the record's own: look that one up, once.
      const again = new Map(needsLookup.map((n) => [n.index, n.hash]));
      const left = await process(
        this.job(
          records.filter((r) => again.has(r.raw.index)).map((r) => ({ raw: r.raw, hash: again.get(r.raw.index) })),
          await this.resolve(again.values()),
        ),
      );
      for (const n of left) this.result.skipped.add({ index: n.index, reason: "unknown key" });
    }
  }

  private async seal(job: SealJob): Promise<SealResult["needsLookup"]> {
    const result = await sealOffThread(job);
    await this.store(result);
    return result.needsLookup;
  }

  private async stage(job: SealJob): Promise<StageResult["needsLookup"]> {
    const result = await stageOffThread(job);
    this.skip(result.skipped);
    this.result.accepted += result.accepted;
    if (result.stagedRecords > 0) {
      const slice = { payload: result.staged, records: result.stagedRecords, keyHashes: result.keyHashes };
      const id = await storeStaged(slice, result.usedKeyIds);
      this.result.queued += result.stagedRecords;
      offerStaged({
        id,
        payload: new Uint8Array(slice.payload),
        key_hashes: slice.keyHashes,
        records: slice.records,
        attempts: 0,
        stagedAt: performance.now(),
      });
    }
    return result.needsLookup;
  }

  private skip(skipped: SealResult["skipped"]): void {
    for (const s of skipped) {
      if (s.reason === "malformed JSON") this.malformed++;
      this.result.skipped.add(s);
    }
  }

  private async store(result: SealResult): Promise<void> {
    this.skip(result.skipped);
    this.result.accepted += result.accepted;
    for (const [drainId, n] of Object.entries(result.leftOut)) {
      await countLeftOut(database().driver, drainId, n.sampled, n.filtered);
    }
    if (result.rows.drainIds.length === 0) return;
    await storeRows(result.rows, result.usedKeyIds);
    this.result.queued += result.rows.drainIds.length;
    wakeWorker();
  }

  /** True when the body held no usable JSON at all: then it is a bad request, not a batch. */
  unreadable(): boolean {
    return this.result.records === 0 || this.malformed === this.result.records;
  }
}

/** `signal`: aborts when the client has gone, so a request waiting for buffer room stops waiting. */
export async function ingestBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<IngestResult> {
  const ingest = new Ingest();
  const splitter = new RecordSplitter(config().ingestMaxRecordBytes);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let pending: RawRecord[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const slice = pending;
    const weight = Math.min(pendingBytes + SLICE_OVERHEAD, SLICE_MAX_WEIGHT);
    pending = [];
    pendingBytes = 0;
    const gate = slicePermits();
    await gate.acquire(weight);
    const work = ingest
      .slice(slice)
      .catch((err: unknown) => void (failure ??= err))
      .finally(() => gate.release(weight));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    // Back-pressure: stop reading the body while enough slices are being sealed and stored.
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
  };
  const take = async (records: Iterable<RawRecord>) => {
    for (const r of records) {
      pending.push(r);
      pendingBytes += "bytes" in r ? r.bytes.length : 0;
      if (pendingBytes >= SLICE_BYTES || pending.length >= SLICE_RECORDS) await flush();
    }
  };
  let total = 0;
  // Buffered bytes count in a budget across requests (buffer-budget.ts) until their slice is in flight.
  const held = new HeldBytes(signal);
  const readBody = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
    for (;;) {
      const { done, value } = await reader.read().catch(async () => {
        // A body that ends early, or is not the gzip its Content-Encoding says: what was
        // read before is stored as usual; the sender is told, and sends the batch again.
        await Promise.all(inFlight);
        throw new IngestBodyError("The request body could not be read to its end (cut short, or not valid gzip)");
      });
      if (done) return;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        await Promise.all(inFlight);
        throw new IngestTooLargeError(`The request body is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      }
      await take(splitter.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength)));
      if (failure) return;
      if (!(await held.resize(splitter.heldBytes + pendingBytes))) {
        // What was read before is stored as usual; the sender sends the batch again later.
        log.warn("ingest request refused: no room to buffer it", { ...bufferBudgetState(), readBytes: total });
        await reader.cancel();
        await Promise.all(inFlight);
        throw new IngestBusyError("The server is busy with other ingest requests; retry this batch shortly");
      }
    }
  };
  try {
    if (body) await readBody(body.getReader());
    if (!failure) {
      await take(splitter.end());
      await flush();
    }
  } finally {
    held.release();
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  if (ingest.unreadable()) {
    throw new IngestBodyError(
      ingest.result.records === 0
        ? "The request body is empty; send a JSON array of records, NDJSON, or one record"
        : "The body is not JSON, a JSON array of records, or NDJSON (malformed or truncated)",
    );
  }
  return ingest.result;
}
