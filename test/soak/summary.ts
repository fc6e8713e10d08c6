import type { FaultReceiver } from "./fault-receiver";
import type { GatewayStats } from "./gateway";

// The soak's verdict in figures: what was acknowledged, delivered, lost and duplicated; which
// duplicates a crash explains; how the database outages were answered; the memory trend.

export type FaultEvent = { name: string; start: number; end: number };

/** A fault that can leave a span exported but not yet deleted: a process or the database going away. */
const CRASH = /SIGKILL|PostgreSQL|read-only/;
/** A delivery that began this long before a crash may have been cut off before its rows were deleted. */
const WINDOW_BEFORE_MS = 20_000;
const WINDOW_AFTER_MS = 5_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export function summarize(input: {
  minutes: number;
  sent: GatewayStats;
  receiver: FaultReceiver;
  events: FaultEvent[];
  rss: { at: number; mb: number }[];
  missing: number;
}) {
  const { sent, receiver, events, rss } = input;
  const crashes = events.filter((e) => CRASH.test(e.name));
  const inCrashWindow = receiver.duplicates.filter((d) =>
    crashes.some((c) => d.firstAt >= c.start - WINDOW_BEFORE_MS && d.firstAt <= c.end + WINDOW_AFTER_MS),
  ).length;
  // Memory after the first minute's warm-up: the first fifth against the last fifth of samples.
  const warm = rss.filter((s) => s.at - (rss[0]?.at ?? 0) >= 60_000).map((s) => s.mb);
  const fifth = Math.max(1, Math.floor(warm.length / 5));
  const rssStart = median(warm.slice(0, fifth));
  const rssEnd = median(warm.slice(-fifth));
  const faults: Record<string, number> = {};
  for (const e of events) faults[e.name] = (faults[e.name] ?? 0) + 1;
  return {
    minutes: input.minutes,
    acknowledged: sent.acknowledged.size,
    delivered: receiver.seen.size,
    lost: input.missing,
    neverAcknowledged: sent.unacknowledged,
    skippedByServer: sent.skipped,
    duplicates: receiver.duplicates.length,
    duplicatePercent: Math.round((receiver.duplicates.length / Math.max(receiver.seen.size, 1)) * 10_000) / 100,
    duplicatesInCrashWindows: inCrashWindow,
    duplicatesOutsideCrashWindows: receiver.duplicates.length - inCrashWindow,
    faults,
    ingestAnswers: sent.answers,
    slowestIngestRefusalMs: sent.slowestRefusalMs,
    destinationAnswers: receiver.answers,
    serverBRssMb: {
      afterWarmUp: rssStart,
      atEnd: rssEnd,
      growthPercent: rssStart ? Math.round(((rssEnd - rssStart) / rssStart) * 1000) / 10 : null,
      max: Math.max(0, ...rss.map((s) => s.mb)),
    },
  };
}
