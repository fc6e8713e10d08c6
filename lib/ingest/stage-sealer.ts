import type { SqlExecutor } from "../db/driver";
import { countLeftOut } from "../delivery/outbox-store";
import { chunkBySize } from "../delivery/batches";
import { WakeSignal, wakeWorker } from "../delivery/wake";
import { log, errorFields } from "../log";
import { lookUpTargets } from "./shared-queries";
import { sealStagedOffThread } from "./seal-pool";
import { ownCopy } from "./stage-slice";
import type { SealTarget } from "./seal-slice";
import { claimStaged, leaseStaged, releaseStaged, storeSealedStage, type ClaimedStage } from "./stage-store";

// Seals staged ingest (stage-slice.ts) into the outbox, in the background: the gateway's
// batch was answered once its records were staged, so the CPU-heavy part of ingest (mapping,
// encoding, gzip, one encryption per drain) no longer sits under the 202. Ingest hands the
// sealer what it staged (`offer`), which is sealed from memory: reading 12 KB a record back
// out of the database cost more than the record's own encryption. Rows older
// than LOCAL_GRACE_MS, left by a server that stopped or that fell behind (what is offered
// beyond LOCAL_MAX_BYTES is not kept), are claimed from the database by any server. Seal
// jobs go to an ingest thread only when it has nothing else to do (seal-pool.ts), so under
// more load than the machine can seal, requests are still answered and the staged backlog
// waits in the database, like a delivery backlog.

export type StageSealerOptions = {
  /** Batches of staged slices being sealed at once (each up to ~1 MB in memory). */
  concurrency: number;
  /** How long a claimed row is this sealer's before another may take it (default 15 s). */
  leaseMs?: number;
  pollMs?: number;
};

const RETRY_MS = 2_000;
/**
 * How long staged rows wait for sealing while requests keep the ingest threads busy: a burst
 * is acknowledged first (seal-pool.ts backgroundThreads); past this, sealing takes a thread
 * beside the requests again, so a gateway that never pauses still sees its spans delivered.
 */
const SEAL_WITHIN_MS = 10_000;
const LOCAL_MAX_BYTES = 32 * 1024 * 1024;
const LOCAL_GRACE_MS = 2_000;
/** Staged rows claimed per batch: a gateway posting one record per request stages a row each. */
const ROWS_PER_BATCH = 64;
/**
 * Staged payloads are compressed (stage-slice.ts), ~3.5x for LLM text: 256 KB of them is about
 * the megabyte of records a seal job held before, so a job still keeps a thread ~40 ms, not
 * the ~150 ms that would make requests wait behind it.
 */
const BATCH_BYTES = 256 * 1024;

/** Claimed rows in batches of at most ROWS_PER_BATCH rows and about BATCH_BYTES. */
const batchesOf = (rows: ClaimedStage[]) =>
  chunkBySize(rows, (row) => row.payload.byteLength, ROWS_PER_BATCH, BATCH_BYTES);

export class StageSealer {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly signal = new WakeSignal();
  private readonly inFlight = new Set<Promise<void>>();
  /** Rows this server staged, still in memory, oldest first. */
  private readonly local: ClaimedStage[] = [];
  private localBytes = 0;

  private readonly leaseMs: number;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly options: StageSealerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming; slices being sealed finish (or their lease returns them to another server). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    // What is still in memory is in the database too: another server (or the next start) seals it.
    this.local.length = 0;
    this.localBytes = 0;
  }

  wake(): void {
    this.signal.wake();
  }

  /** A row ingest has just staged, with its payload: sealed from memory if there is room. */
  offer(row: ClaimedStage): void {
    if (this.running && this.localBytes + row.payload.byteLength <= LOCAL_MAX_BYTES) {
      this.local.push(row);
      this.localBytes += row.payload.byteLength;
    }
    this.wake();
  }

  /** The oldest offered rows, as one batch, leased: those another sealer holds are left to it. */
  private async takeLocal(): Promise<ClaimedStage[]> {
    const batch = batchesOf(this.local.slice(0, ROWS_PER_BATCH))[0] ?? [];
    this.local.splice(0, batch.length);
    for (const row of batch) this.localBytes -= row.payload.byteLength;
    const leased = await leaseStaged(
      this.sql,
      batch.map((row) => row.id),
      this.leaseMs,
    );
    return batch.filter((row) => leased.has(row.id));
  }

  /** Seals every staged row there is now, then returns how many rows it sealed (tests, scripts). */
  async drain(): Promise<number> {
    let sealed = 0;
    for (;;) {
      const rows = await this.claim(this.options.concurrency);
      if (rows.length === 0) return sealed;
      await Promise.all(batchesOf(rows).map((batch) => this.seal(batch)));
      sealed += rows.length;
    }
  }

  private claim(batches: number, minAgeMs = 0): Promise<ClaimedStage[]> {
    return claimStaged(this.sql, batches * ROWS_PER_BATCH, batches * BATCH_BYTES, this.leaseMs, minAgeMs);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          if (this.local.length > 0) {
            const batch = await this.takeLocal();
            claimed = 1;
            if (batch.length > 0) this.track(this.seal(batch));
          } else {
            const rows = await this.claim(free, LOCAL_GRACE_MS);
            claimed = rows.length;
            for (const batch of batchesOf(rows)) this.track(this.seal(batch));
          }
        } catch (err) {
          log.error("staged ingest: claim failed", errorFields(err));
          await new Promise((r) => setTimeout(r, RETRY_MS));
        }
      }
      // Claim again when a slice is done or more was staged; otherwise poll for other servers' rows.
      if (this.running && (claimed === 0 || this.inFlight.size >= this.options.concurrency))
        await this.signal.next(this.options.pollMs ?? 1_000, this.inFlight);
    }
    await Promise.all(this.inFlight);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** `known`: the batch's key targets, already looked up (a failed batch's rows, tried one by one). */
  private async seal(batch: ClaimedStage[], known?: Record<string, SealTarget>): Promise<void> {
    const ids = batch.map((row) => row.id);
    let targets = known;
    try {
      targets ??= Object.fromEntries(await lookUpTargets([...new Set(batch.flatMap((row) => row.key_hashes))]));
      // Copies, transferred to the ingest thread.
      const payloads = batch.map((row) => ownCopy(row.payload));
      const stagedAt = Math.min(...batch.map((row) => row.stagedAt));
      const result = await sealStagedOffThread({ payloads, targets }, stagedAt + SEAL_WITHIN_MS).catch(
        (err: unknown) => {
          throw new RowsFailed(err);
        },
      );
      const dropped = result.skipped.length + result.needsLookup.length;
      if (dropped > 0) {
        // Their key was revoked, or its organization or environment changed, since ingest.
        const reasons = [...new Set(result.skipped.map((s) => s.reason))].join("; ");
        log.warn("staged ingest: records no longer forwarded", { stageIds: ids.join(","), records: dropped, reasons });
      }
      const deleted = await storeSealedStage(this.sql, ids, result.rows, result.rowStages);
      // Counted when this sealer finished the whole batch (another may have finished part of it).
      if (deleted === ids.length) {
        for (const [drainId, n] of Object.entries(result.leftOut)) {
          await countLeftOut(this.sql, drainId, n.sampled, n.filtered);
        }
      }
      if (result.rows.drainIds.length > 0) wakeWorker();
    } catch (err) {
      // One row that cannot be sealed (say, encrypted under a key no longer in the keyring)
      // must not hold the rest of its batch: when the sealing itself failed, each row is tried
      // again on its own, within the lease this sealer already holds, and only those that fail
      // alone are given back. A database error is the batch's, not a row's: it goes back whole.
      if (err instanceof RowsFailed && batch.length > 1) {
        for (const row of batch) await this.seal([row], targets);
        return;
      }
      const attempts = Math.max(...batch.map((row) => row.attempts));
      log.error("staged ingest: sealing failed; it is tried again", {
        stageIds: ids.join(","),
        attempts,
        ...errorFields(err instanceof RowsFailed ? err.cause : err),
      });
      await releaseStaged(this.sql, ids, RETRY_MS * attempts).catch(() => undefined);
    }
  }
}

/** The ingest thread could not seal the batch's rows (as opposed to the database failing). */
class RowsFailed extends Error {
  override name = "RowsFailed";
  constructor(cause: unknown) {
    super("sealing the staged rows failed", { cause });
  }
}

// Shared through globalThis: server.ts starts the sealer, Next's bundled route handler stages.
const holder = globalThis as unknown as { __stageSealer?: Pick<StageSealer, "wake" | "offer"> };

export function setStageSealer(sealer: Pick<StageSealer, "wake" | "offer"> | undefined): void {
  holder.__stageSealer = sealer;
}

/** Hands a row ingest has just staged to this process's sealer. */
export function offerStaged(row: ClaimedStage): void {
  holder.__stageSealer?.offer(row);
}

/** True when ingest stages (a sealer runs in this process); else it seals before answering. */
export function stagingEnabled(): boolean {
  return holder.__stageSealer !== undefined;
}
