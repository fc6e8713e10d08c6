// Splits an ingest body into its records while it streams in, without parsing it whole:
// a JSON array (LiteLLM's `json_array`), newline-delimited JSON (`ndjson`) or one record
// (`single`). Each record's bytes are handed on separately, so one bad record is skipped
// alone, memory stays bounded by the record being read (a 512-record flush of 45 KB agent
// records is 23 MB), and nesting depth is known before anything is parsed.

export type RawRecord =
  { index: number; bytes: Buffer; depth: number } | { index: number; error: string; tooLarge?: true };

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const NEWLINE = 10;

const sizeText = (bytes: number) =>
  bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${Math.round(bytes / 1024)} KB`;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Deepest nesting of brackets outside strings (UTF-8 continuation bytes never equal these). */
function depthOf(bytes: Uint8Array): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) max = Math.max(max, ++depth);
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return max;
}

const isBlank = (bytes: Uint8Array) => bytes.every(isSpace);

export class RecordSplitter {
  private mode: "unknown" | "array" | "sequence" | "done" = "unknown";
  private depth = 0;
  private maxDepth = 0;
  private inString = false;
  private escaped = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The record being read outgrew the limit: its bytes are dropped as they come, its end still found. */
  private oversized = false;
  private inRecord = false;
  private index = 0;
  private readonly out: RawRecord[] = [];

  /** `maxRecordBytes`: a larger record is skipped with a reason, never held whole (a small gzip body can inflate to one huge record). */
  constructor(private readonly maxRecordBytes = Number.POSITIVE_INFINITY) {}

  /** Bytes held of the record being read (none once it is known to be too large). */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  /** Feeds the next chunk; returns the records it completed. */
  push(chunk: Buffer): RawRecord[] {
    let start = this.inRecord ? 0 : -1;
    let nextBackslash = -2;
    for (let i = 0; i < chunk.length; i++) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        // Long strings (prompts) dominate: jump to the next quote or backslash natively.
        if (nextBackslash < i && nextBackslash !== -1) nextBackslash = chunk.indexOf(BACKSLASH, i);
        const quote = chunk.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && (quote === -1 || nextBackslash < quote)) {
          i = nextBackslash;
          this.escaped = true;
          continue;
        }
        if (quote === -1) {
          i = chunk.length;
          break;
        }
        i = quote;
        this.inString = false;
        continue;
      }
      const c = chunk[i]!;
      if (this.mode === "done") {
        if (!isSpace(c)) this.mode = "sequence";
        else continue;
      }
      if (this.mode === "unknown") {
        if (isSpace(c)) continue;
        if (c === OPEN_BRACKET) {
          this.mode = "array";
          this.depth = 1;
          continue;
        }
        this.mode = "sequence";
      }
      const base = this.mode === "array" ? 1 : 0;
      if (!this.inRecord) {
        if (isSpace(c) || (this.mode === "array" && c === COMMA)) continue;
        if (this.mode === "array" && c === CLOSE_BRACKET && this.depth === 1) {
          this.depth = 0;
          this.mode = "done";
          continue;
        }
        this.inRecord = true;
        this.maxDepth = 0;
        start = i;
      }
      if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        this.depth++;
        if (this.depth - base > this.maxDepth) this.maxDepth = this.depth - base;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (this.mode === "array" && this.depth === 1) {
          // `]` closing the outer array ends the record in progress.
          this.finish(chunk, start, i);
          this.depth = 0;
          this.mode = "done";
          continue;
        }
        this.depth--;
        if (this.depth === base && this.mode === "sequence") this.finish(chunk, start, i + 1);
      } else if (this.depth === base) {
        if (this.mode === "array" && c === COMMA) this.finish(chunk, start, i);
        else if (this.mode === "sequence" && c === NEWLINE) this.finish(chunk, start, i);
      }
    }
    if (this.inRecord) this.keep(chunk.subarray(Math.max(start, 0)));
    return this.out.splice(0);
  }

  private keep(part: Buffer): void {
    if (this.oversized) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes <= this.maxRecordBytes) {
      this.pending.push(part);
      return;
    }
    this.oversized = true;
    this.takePending();
  }

  /** The bytes kept of the record being read, emptied. */
  private takePending(): Buffer[] {
    const parts = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return parts;
  }

  private tooLarge(): RawRecord {
    this.oversized = false;
    return {
      index: this.index++,
      error: `record larger than ${sizeText(this.maxRecordBytes)} (INGEST_MAX_RECORD_BYTES)`,
      tooLarge: true,
    };
  }

  /**
   * Ends the body: a record left open is truncated (NDJSON lines after it are recovered).
   * Records are produced as they are taken: a swallowed tail of a small gzip body can hold
   * millions of lines, which must not all exist at once.
   */
  *end(): Generator<RawRecord> {
    yield* this.out.splice(0);
    if (this.inRecord && this.oversized) {
      this.inRecord = false;
      yield this.tooLarge();
    } else if (this.inRecord) {
      const bytes = Buffer.concat(this.takePending());
      this.inRecord = false;
      if (this.mode === "sequence") yield* this.recoverLines(bytes);
      else yield { index: this.index++, error: "truncated: the body ended inside this record" };
    }
  }

  /** An unbalanced NDJSON line swallowed the lines after it: give each line its own chance. */
  private *recoverLines(bytes: Buffer): Generator<RawRecord> {
    for (let start = 0; start < bytes.length;) {
      const newline = bytes.indexOf(NEWLINE, start);
      const end = newline === -1 ? bytes.length : newline;
      const line = bytes.subarray(start, end);
      start = end + 1;
      if (!isBlank(line)) yield { index: this.index++, bytes: line, depth: depthOf(line) };
    }
  }

  private finish(chunk: Buffer, start: number, endExclusive: number): void {
    const tail = chunk.subarray(Math.max(start, 0), endExclusive);
    this.inRecord = false;
    if (this.oversized || this.pendingBytes + tail.length > this.maxRecordBytes) {
      this.takePending();
      this.out.push(this.tooLarge());
      return;
    }
    // A view when the record lies in one chunk (chunks are never reused), a copy otherwise.
    const parts = this.takePending();
    const bytes = parts.length > 0 ? Buffer.concat([...parts, tail]) : tail;
    this.out.push({ index: this.index++, bytes, depth: this.maxDepth });
  }
}
