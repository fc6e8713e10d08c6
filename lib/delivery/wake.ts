// Lets the ingest path nudge an in-process worker so new spans leave without waiting for
// the next poll. Shared through globalThis because server.ts and Next's bundle are separate
// module graphs in one process.
const holder = globalThis as unknown as { __wakeDeliveryWorker?: () => void };

export function setWorkerWakeHook(hook: (() => void) | undefined): void {
  holder.__wakeDeliveryWorker = hook;
}

export function wakeWorker(): void {
  holder.__wakeDeliveryWorker?.();
}

/**
 * A background loop's pause between passes (the delivery worker's, the stage sealer's): it
 * ends when the loop is woken (new work announced), when one of its tasks in flight settles,
 * or after `timeoutMs`, whichever comes first.
 */
export class WakeSignal {
  private wakeUp: (() => void) | undefined;

  wake(): void {
    this.wakeUp?.();
  }

  next(timeoutMs: number, inFlight: Iterable<Promise<unknown>>): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
      void Promise.race(inFlight).then(done);
    }).finally(() => {
      this.wakeUp = undefined;
    });
  }
}
