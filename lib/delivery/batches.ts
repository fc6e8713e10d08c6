/** Splits items into chunks bounded by count and by total size, keeping order. */
export function chunkBySize<T>(items: T[], sizeOf: (item: T) => number, maxCount: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Exponential backoff with jitter: 2 s, 4 s, 8 s … capped at 10 minutes, each scaled by 0.5–1. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(attempt - 1, 0), 600_000);
  return Math.round(base * (0.5 + random() / 2));
}
