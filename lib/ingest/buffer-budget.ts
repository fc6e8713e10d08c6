import { config } from "../config/env";
import { Permits } from "./slice-permits";

// A process-wide bound on the bytes ingest requests hold before their slices are in flight:
// the record being read (up to INGEST_MAX_RECORD_BYTES, 32 MB by default) and the records
// gathered for the next slice. The slice budget (slice-permits.ts) only counts slices once
// they are sealed and stored, so without this one, 100 connections each stalled inside a
// 30 MB record held 3.5 GB. Ordinary traffic holds about a megabyte per request and never
// waits here. A request that cannot get room stops reading (the sender is slowed by TCP);
// if it has waited 10 s in all, it is answered 503 with Retry-After, which also ends a
// standoff of requests each holding part of the budget while waiting for more. It is a
// separate budget because a request waiting for slice permits still holds its buffers:
// sharing one would let buffered requests starve the slices that would free it.

const MB = 1024 * 1024;
const WAIT_MS = 10_000;

export class IngestBusyError extends Error {
  override name = "IngestBusyError";
}

type Budget = { permits: Permits; waitMs: number };
let budget: Budget | undefined;

/** Room for four records of the largest size, and at least 128 MB. */
const bufferBudget = (): Budget =>
  (budget ??= { permits: new Permits(Math.max(128 * MB, 4 * config().ingestMaxRecordBytes)), waitMs: WAIT_MS });

/** Tests: a budget of `size` bytes and a shorter wait; no argument restores the default. */
export function setBufferBudget(size?: number, waitMs = WAIT_MS): Permits | undefined {
  budget = size === undefined ? undefined : { permits: new Permits(size), waitMs };
  return budget?.permits;
}

/** For the log line of a refusal: how full the budget is. */
export function bufferBudgetState(): { budgetBytes: number; heldBytes: number; waitingRequests: number } {
  const { permits } = bufferBudget();
  return { budgetBytes: permits.size, heldBytes: permits.held, waitingRequests: permits.queued };
}

/**
 * The part of the budget one request holds, resized to the bytes it buffers. The wait is
 * counted per request, not per resize: waiting restarted at every chunk let a standoff of
 * stalled requests take ten seconds per request to resolve, and honest ones queued behind.
 * A request whose client has gone (`signal`) stops waiting at once.
 */
export class HeldBytes {
  private held = 0;
  private waitedMs = 0;
  private readonly budget = bufferBudget();

  constructor(private readonly signal?: AbortSignal) {}

  /** Holds exactly `bytes`; false when the extra room was not granted in time (nothing more is held). */
  async resize(bytes: number): Promise<boolean> {
    const want = Math.min(bytes, this.budget.permits.size);
    if (want <= this.held) {
      this.budget.permits.release(this.held - want);
      this.held = want;
      return true;
    }
    const started = performance.now();
    const granted = await this.budget.permits.acquireWithin(
      want - this.held,
      this.budget.waitMs - this.waitedMs,
      this.signal,
    );
    this.waitedMs += performance.now() - started;
    if (!granted) return false;
    this.held = want;
    return true;
  }

  release(): void {
    this.budget.permits.release(this.held);
    this.held = 0;
  }
}
