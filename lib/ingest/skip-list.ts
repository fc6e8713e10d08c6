import type { Skipped } from "./ingest-records";

// The records of one request that were not queued, as its answer lists them: every one is
// counted, the first MAX_LISTED_SKIPS (lowest index first) are listed. Listing them all let a
// 4 KB gzip body of two million `1` lines make a 97 MB answer, and a 261 KB one exhaust the
// heap. Slices finish slightly out of order, so the list is trimmed in batches: it never holds
// more than twice the cap.

export const MAX_LISTED_SKIPS = 1000;

export class SkipList {
  private entries: Skipped[] = [];
  private count = 0;

  add(entry: Skipped): void {
    this.count++;
    this.entries.push(entry);
    if (this.entries.length >= 2 * MAX_LISTED_SKIPS) this.trim();
  }

  /** As the answer gives them: `skippedCount` only when the list was cut short, so the usual answer keeps its shape. */
  answer(): { skipped: Skipped[]; skippedCount?: number } {
    this.trim();
    return this.count > this.entries.length
      ? { skipped: this.entries, skippedCount: this.count }
      : { skipped: this.entries };
  }

  private trim(): void {
    this.entries.sort((a, b) => a.index - b.index);
    if (this.entries.length > MAX_LISTED_SKIPS) this.entries.length = MAX_LISTED_SKIPS;
  }
}
