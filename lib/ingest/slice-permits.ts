// A process-wide bound on the bytes of ingest slices being sealed and stored, whatever the
// number of concurrent requests. Each request already keeps at most a few slices in flight;
// without a bound across requests, 48 concurrent senders queued ~190 slices (~1 MB each) at
// the ingest threads and the server reached 890 MB (BENCHMARKS.md, crowd phase). The bound is
// in bytes, not slices, so a gateway posting records one per request keeps hundreds of them
// in flight (their queries are then shared, shared-queries.ts) while large bodies are held
// to a few megabytes. A request that gets no permit stops reading its body, so the sender is
// slowed by TCP instead of the server buffering: nothing is refused. Permits are granted in
// arrival order, so no request starves; one slice larger than the whole budget (a single
// huge record) waits until nothing else is held, then runs alone.
//
// Written here rather than taken from a library: the read loop must wait for a permit
// *before* it reads on (p-limit and p-queue wait for a function's result instead), and the
// whole of it is a counter and a FIFO.

export class Permits {
  private available: number;
  private readonly waiting: { weight: number; grant: () => void }[] = [];

  constructor(readonly size: number) {
    this.available = size;
  }

  /** Resolves when `weight` is held; call release(weight) once when done with it. */
  acquire(weight = 1): Promise<void> {
    const w = Math.min(weight, this.size);
    if (this.takeNow(w)) return Promise.resolve();
    return new Promise((grant) => this.waiting.push({ weight: w, grant }));
  }

  /** Takes `w` at once if no one waits ahead and it fits. */
  private takeNow(w: number): boolean {
    if (this.waiting.length > 0 || this.available < w) return false;
    this.available -= w;
    return true;
  }

  /**
   * Like acquire, but gives up after `ms` or when `signal` aborts: true when `weight` is held
   * (release it as usual), false when it was not granted (nothing is held).
   */
  acquireWithin(weight: number, ms: number, signal?: AbortSignal): Promise<boolean> {
    const w = Math.min(weight, this.size);
    if (this.takeNow(w)) return Promise.resolve(true);
    if (ms <= 0 || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const giveUp = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", giveUp);
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        // The head of the queue may have been this waiter: those behind it may fit now.
        this.release(0);
        resolve(false);
      };
      const waiter = {
        weight: w,
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", giveUp);
          resolve(true);
        },
      };
      const timer = setTimeout(giveUp, ms);
      signal?.addEventListener("abort", giveUp, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(weight = 1): void {
    this.available = Math.min(this.size, this.available + Math.min(weight, this.size));
    while (this.waiting.length > 0 && this.available >= this.waiting[0]!.weight) {
      const next = this.waiting.shift()!;
      this.available -= next.weight;
      next.grant();
    }
  }

  /** Weight held now. */
  get held(): number {
    return this.size - this.available;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
