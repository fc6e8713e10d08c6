import fs from "node:fs";
import os from "node:os";

// Background ingest threads (sealing staged slices) lower their own kernel priority, so a
// request's slice gets most of the CPU while both want it. On Linux a priority is per thread,
// set through the thread's id, which /proc/thread-self names; raising one's niceness needs no
// privilege. Elsewhere it stays the process's, and background threads share the CPU as equals.

/** Under contention the kernel gives a thread at nice 10 about a tenth of a nice-0 thread's share. */
export const BACKGROUND_NICE = 10;

/** This thread's kernel id, where /proc/thread-self exists (Linux). */
function threadId(): number | undefined {
  try {
    return Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}

/** Lowers this thread's priority when it is a background thread; says whether it did. */
export function applyThreadRole(role: { background?: boolean } | null | undefined): boolean {
  const id = threadId();
  if (!role?.background || id === undefined) return false;
  try {
    os.setPriority(id, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}

/** This thread's niceness (the process's where threads have none of their own). */
export function threadNice(): number {
  return os.getPriority(threadId() ?? 0);
}
