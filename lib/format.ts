// Dates render the same on server and client (UTC, fixed format) to avoid hydration mismatches.
export function formatDateTime(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}
