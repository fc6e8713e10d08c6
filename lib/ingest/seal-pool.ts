import { Worker } from "node:worker_threads";
import { config } from "../config/env";
import { log, errorFields } from "../log";
import { sealSlice, type SealJob, type SealResult } from "./seal-slice";

// The ingest threads. server.ts starts them (SealPool.start) and registers the pool on
// globalThis, because Next's bundled route handler and server.ts are separate module graphs
// in one process. Without a registered pool (tests, scripts), slices are sealed in process.
// Threads that stay idle are stopped, so a quiet server gives their memory back.

type Slot = { worker: Worker; busy: number; idleTimer?: NodeJS.Timeout };
type Pending = { resolve: (r: SealResult) => void; reject: (e: Error) => void; slot: Slot };

const IDLE_MS = 30_000;

export class SealPool {
  private readonly slots: (Slot | undefined)[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private next = 0;

  constructor(
    private readonly entry: URL,
    size: number,
    private readonly execArgv: string[],
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => undefined);
  }

  private spawn(i: number): Slot {
    // A young generation larger than V8's default: every record allocates tens of KB of
    // short-lived strings, and a small nursery would promote them to the old generation.
    const worker = new Worker(this.entry, {
      execArgv: this.execArgv,
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    const slot: Slot = { worker, busy: 0 };
    worker.on("message", (m: { id: number; result?: SealResult; error?: string }) => {
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
    // The least busy thread, starting from a rotating position.
    let best = this.next;
    for (let k = 0; k < this.slots.length; k++) {
      const i = (this.next + k) % this.slots.length;
      if ((this.slots[i]?.busy ?? 0) < (this.slots[best]?.busy ?? 0)) best = i;
    }
    this.next = (best + 1) % this.slots.length;
    const slot = (this.slots[best] ??= this.spawn(best));
    clearTimeout(slot.idleTimer);
    slot.busy++;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, job }, [job.data]);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
  }
}

/** What ingest needs of a pool: tests may register their own to watch the slices go by. */
export type SliceSealer = Pick<SealPool, "seal">;

const holder = globalThis as unknown as { __sealPool?: SliceSealer };

export function setSealPool(pool: SliceSealer | undefined): void {
  holder.__sealPool = pool;
}

/** Seals a slice on an ingest thread when the server started them, else in this thread. */
export function sealOffThread(job: SealJob): Promise<SealResult> {
  const pool = holder.__sealPool;
  return pool ? pool.seal(job) : Promise.resolve(sealSlice(job, config().drainKeyring));
}
