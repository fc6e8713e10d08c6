// A process-wide bound on ingest slices being sealed and stored, whatever the number of
// concurrent requests. Each request already keeps at most a few slices in flight; without a
// bound across requests, 48 concurrent senders queued ~190 slices (~1 MB each) at the ingest
// threads and the server reached 890 MB (BENCHMARKS.md, crowd phase). A request that gets no
// permit stops reading its body, so the sender is slowed by TCP instead of the server
// buffering: nothing is refused, and memory measured the same at 48 and 160 senders. Permits
// are granted in arrival order, so no request starves.
//
// Written here rather than taken from a library: the read loop must wait for a permit
// *before* it reads on (p-limit and p-queue wait for a function's result instead), and the
// whole of it is a counter and a FIFO.

export class Permits {
  private available: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    this.available = size;
  }

  /** Resolves when a permit is held; call release() once when done with it. */
  acquire(): Promise<void> {
    if (this.available > 0) {
      this.available--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.available = Math.min(this.size, this.available + 1);
  }

  get queued(): number {
    return this.waiting.length;
  }
}
