// Dates render the same on server and client (UTC, fixed format) to avoid hydration mismatches.
export function formatDateTime(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** How long ago `iso` was, at `at` (epoch ms), in words: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function relativeTo(iso: string, at: number): string {
  const seconds = Math.round((at - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** "1 span", "1,204 spans": a count with its noun (nouns of this product take an -s). */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
