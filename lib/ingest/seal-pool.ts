import { Worker } from "node:worker_threads";
import { config } from "../config/env";
import { log, errorFields } from "../log";
import { sealSlice, type SealJob, type SealResult } from "./seal-slice";
import { sealStaged, stageSlice, type StagedJob, type StagedSealResult, type StageResult } from "./stage-slice";

// The ingest threads. server.ts starts them (SealPool.start) and registers the pool on
// globalThis, because Next's bundled route handler and server.ts are separate module graphs
// in one process. Without a registered pool (tests, scripts), slices are sealed in process.
// Threads that stay idle are stopped, so a quiet server gives their memory back. Sealing
// staged slices is background work: it goes to a thread only when that thread has nothing
// else to do, so the gateway's requests are answered first (stage-sealer.ts), and it waits
// while requests are being checked, up to a bound (backgroundThreads).

/** The jobs a thread does (ingest-thread.ts), by kind. */
export type ThreadJobs = {
  seal: { job: SealJob; result: SealResult };
  stage: { job: SealJob; result: StageResult };
  sealStaged: { job: StagedJob; result: StagedSealResult };
};
export type JobKind = keyof ThreadJobs;

type Slot = { worker: Worker; busy: number; idleTimer?: NodeJS.Timeout };
type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void; slot: Slot };
type Queued = {
  kind: JobKind;
  /** From then on (performance.now()), the job may run while requests are being checked. */
  dueAt: number;
  job: ThreadJobs[JobKind]["job"];
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
};

const IDLE_MS = 30_000;
/** How long after a request's job the pool counts requests as still coming in. */
const QUIET_MS = 250;

/**
 * How many threads background jobs may hold. Once requests stop (none for QUIET_MS), all of
 * them. While requests come, never the last free one, so the next request finds a thread that
 * is not halfway through a background job; and none at all while a request's job is running,
 * unless the oldest background job is due: a burst is checked and acknowledged at the speed
 * of both threads (its records are staged, durably), and what it staged is sealed in the gaps
 * between requests, or after the burst, or once it has waited its bound.
 */
export function backgroundThreads(p: {
  threads: number;
  quietForMs: number;
  requestsRunning: number;
  oldestDue: boolean;
}): number {
  if (p.quietForMs >= QUIET_MS) return p.threads;
  if (p.requestsRunning > 0 && !p.oldestDue) return 0;
  return Math.max(1, p.threads - 1);
}

export class SealPool {
  private readonly slots: (Slot | undefined)[];
  private readonly pending = new Map<number, Pending>();
  private readonly background: Queued[] = [];
  private backgroundRunning = 0;
  private foregroundRunning = 0;
  private lastForegroundAt = -Infinity;
  private quietTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private next = 0;

  constructor(
    private readonly entry: URL,
    size: number,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => undefined);
  }

  private spawn(i: number): Slot {
    // A young generation larger than V8's default: every record allocates tens of KB of
    // short-lived strings, and a small nursery would promote them to the old generation.
    const worker = new Worker(this.entry, {
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    const slot: Slot = { worker, busy: 0 };
    worker.on("message", (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      slot.busy--;
      this.armIdle(i, slot);
      if (m.result) p?.resolve(m.result);
      else p?.reject(new Error(m.error ?? "ingest thread failed"));
    });
    worker.on("error", (err) => log.error("ingest thread failed", errorFields(err)));
    worker.on("exit", () => {
      if (this.slots[i] === slot) this.slots[i] = undefined;
      // Jobs of a thread that died are failed: the request answers 503 and stores what it had.
      for (const [id, p] of this.pending) {
        if (p.slot === slot) {
          this.pending.delete(id);
          p.reject(new Error("ingest thread exited"));
        }
      }
    });
    return slot;
  }

  private armIdle(i: number, slot: Slot): void {
    clearTimeout(slot.idleTimer);
    if (slot.busy > 0) return;
    slot.idleTimer = setTimeout(() => {
      if (slot.busy === 0 && this.slots[i] === slot) {
        this.slots[i] = undefined;
        void slot.worker.terminate();
      }
    }, IDLE_MS).unref();
  }

  seal(job: SealJob): Promise<SealResult> {
    return this.run("seal", job);
  }

  stage(job: SealJob): Promise<StageResult> {
    return this.run("stage", job);
  }

  /** Background work: waits for a thread with nothing else to do (`dueAt`: see backgroundThreads). */
  sealStaged(job: StagedJob, dueAt = 0): Promise<StagedSealResult> {
    return new Promise((resolve, reject) => {
      this.background.push({ kind: "sealStaged", job, dueAt, resolve: resolve as (r: unknown) => void, reject });
      this.dispatchBackground();
    });
  }

  private run<K extends JobKind>(kind: K, job: ThreadJobs[K]["job"]): Promise<ThreadJobs[K]["result"]> {
    this.lastForegroundAt = performance.now();
    // The least busy thread, starting from a rotating position.
    let best = this.next;
    for (let k = 0; k < this.slots.length; k++) {
      const i = (this.next + k) % this.slots.length;
      if ((this.slots[i]?.busy ?? 0) < (this.slots[best]?.busy ?? 0)) best = i;
    }
    this.next = (best + 1) % this.slots.length;
    this.foregroundRunning++;
    return this.post(best, kind, job).finally(() => {
      this.foregroundRunning--;
      this.dispatchBackground();
    });
  }

  private post<K extends JobKind>(i: number, kind: K, job: ThreadJobs[K]["job"]): Promise<ThreadJobs[K]["result"]> {
    const slot = (this.slots[i] ??= this.spawn(i));
    clearTimeout(slot.idleTimer);
    slot.busy++;
    const id = this.nextId++;
    const transfer = "data" in job ? [job.data] : job.payloads;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, slot });
      slot.worker.postMessage({ id, kind, job }, transfer);
    });
  }

  /** Background jobs run on idle threads, as many as backgroundThreads allows now. */
  private dispatchBackground(): void {
    const now = performance.now();
    const quietForMs = now - this.lastForegroundAt;
    const oldest = this.background[0];
    const oldestDue = oldest !== undefined && now >= oldest.dueAt;
    const most = backgroundThreads({
      threads: this.slots.length,
      quietForMs,
      requestsRunning: this.foregroundRunning,
      oldestDue,
    });
    // Looked at again when requests have been quiet long enough or the oldest job falls due
    // (a request's job ending looks again too).
    if (oldest && most < this.slots.length && !this.quietTimer) {
      const wait = Math.min(QUIET_MS - quietForMs, oldestDue ? Infinity : oldest.dueAt - now);
      this.quietTimer = setTimeout(
        () => {
          this.quietTimer = undefined;
          this.dispatchBackground();
        },
        Math.max(1, wait),
      ).unref();
    }
    for (let i = 0; i < this.slots.length && this.background.length > 0 && this.backgroundRunning < most; i++) {
      if ((this.slots[i]?.busy ?? 0) > 0) continue;
      const next = this.background.shift()!;
      this.backgroundRunning++;
      this.post(i, next.kind, next.job)
        .finally(() => {
          this.backgroundRunning--;
          this.dispatchBackground();
        })
        .then(next.resolve, next.reject);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.quietTimer);
    for (const queued of this.background.splice(0)) queued.reject(new Error("ingest threads stopped"));
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}

/** What ingest needs of a pool: tests may register their own to watch the slices go by. */
export type SliceSealer = Pick<SealPool, "seal"> & Partial<Pick<SealPool, "stage" | "sealStaged">>;

const holder = globalThis as unknown as { __sealPool?: SliceSealer };

export function setSealPool(pool: SliceSealer | undefined): void {
  holder.__sealPool = pool;
}

/** Work done in this thread, as a promise: a throw is a rejection, as a thread's failure is. */
const inThisThread = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

/** Seals a slice on an ingest thread when the server started them, else in this thread. */
export function sealOffThread(job: SealJob): Promise<SealResult> {
  const pool = holder.__sealPool;
  return pool ? pool.seal(job) : inThisThread(() => sealSlice(job, config().drainKeyring));
}

/** Checks and packs a slice to stage (stage-slice.ts), off this thread when the server started threads. */
export function stageOffThread(job: SealJob): Promise<StageResult> {
  const pool = holder.__sealPool;
  return pool?.stage ? pool.stage(job) : inThisThread(() => stageSlice(job, config().drainKeyring));
}

/** Seals a staged slice, as background work when the server started threads. */
export function sealStagedOffThread(job: StagedJob, dueAt = 0): Promise<StagedSealResult> {
  const pool = holder.__sealPool;
  return pool?.sealStaged ? pool.sealStaged(job, dueAt) : inThisThread(() => sealStaged(job, config().drainKeyring));
}
