// A record's start, end and first-token times. LiteLLM sends epoch seconds as floats, but
// some payloads carry strings: ISO 8601 (`2026-11-27T09:20:48.102+00:00`) or Python's
// `str(datetime)` (`2026-11-27 09:20:46.847371`, naive, which LiteLLM writes in UTC).
// A time that is present but unreadable or out of range makes the record unusable: it is
// skipped with a reason rather than placed silently at the wrong time.

export type RecordTimes = {
  /** Epoch seconds. */
  start: number;
  end: number;
  firstToken?: number;
  /** True when the record had no times at all and ingest time stands in (the span says so). */
  estimated: boolean;
};

const MIN = Date.UTC(2000, 0, 1) / 1000;
const MAX = Date.UTC(2100, 0, 1) / 1000;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

class TimeError extends Error {}

function parseString(value: string, field: string): number {
  const trimmed = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const m = DATE_TIME.exec(trimmed);
  if (!m) throw new TimeError(`${field} is not a time: expected epoch seconds or ISO 8601`);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  const fraction = frac ? Number(`0.${frac}`) : 0;
  let offset = 0;
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4) || "0") * 60);
  }
  return base + fraction - offset;
}

function read(value: unknown, field: string): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  let seconds: number;
  if (typeof value === "number") seconds = value;
  else if (typeof value === "string") seconds = parseString(value, field);
  else throw new TimeError(`${field} is not a time`);
  if (!Number.isFinite(seconds) || seconds < MIN || seconds > MAX) {
    throw new TimeError(`${field} is out of range (expected epoch seconds between 2000 and 2100)`);
  }
  return seconds;
}

/** The record's times, or the reason they cannot be used. */
export function recordTimes(
  record: { startTime?: unknown; endTime?: unknown; completionStartTime?: unknown; stream?: unknown },
  now: () => number = () => Date.now() / 1000,
): RecordTimes | { error: string } {
  try {
    const startRaw = read(record.startTime, "startTime");
    const endRaw = read(record.endTime, "endTime");
    const firstRaw = read(record.completionStartTime, "completionStartTime");
    if (startRaw === undefined && endRaw === undefined) {
      const t = now();
      return { start: t, end: t, estimated: true };
    }
    const start = startRaw ?? endRaw!;
    const end = Math.max(endRaw ?? start, start);
    // For non-streaming calls LiteLLM sets completionStartTime to the end time: no first token.
    const firstToken =
      record.stream === true && firstRaw !== undefined && firstRaw >= start && firstRaw < end ? firstRaw : undefined;
    return { start, end, ...(firstToken !== undefined ? { firstToken } : {}), estimated: false };
  } catch (err) {
    if (err instanceof TimeError) return { error: err.message };
    throw err;
  }
}
