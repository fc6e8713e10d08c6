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
