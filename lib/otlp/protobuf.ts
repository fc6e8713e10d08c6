// The few protobuf primitives OTLP needs (varints, tags, length-delimited fields, fixed64,
// doubles), written by hand: a span is encoded once at ingest, straight into one buffer of
// exactly its size, and export requests are assembled from stored bytes. A generated
// protobuf library would build message objects per span for nothing.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;

export function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

export const tagSize = (field: number) => varintSize(field << 3);

/**
 * Reads the varint at `pos`: [value, position after it]. What we read may come from a
 * destination's answer, so a varint that runs past the end or beyond 10 bytes (64 bits)
 * throws instead of reading on.
 */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  for (let shift = 0; shift < 70; shift += 7) {
    if (pos >= buf.length) throw new Error("truncated varint");
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
  }
  throw new Error("varint longer than 10 bytes");
}

/** Size of a length-delimited field whose content is `length` bytes. */
export const lenFieldSize = (field: number, length: number) => tagSize(field) + varintSize(length) + length;

export class ProtobufWriter {
  readonly buf: Buffer;
  pos = 0;

  /** Writes `size` bytes into `into` when it is large enough (reused scratch), else a new buffer. */
  constructor(size: number, into?: Buffer) {
    this.buf = into && into.length >= size ? into.subarray(0, size) : Buffer.allocUnsafe(size);
  }

  varint(value: number): this {
    while (value >= 0x80) {
      this.buf[this.pos++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buf[this.pos++] = value;
    return this;
  }

  /** A signed 64-bit integer as protobuf's int64 (negative numbers take ten bytes). */
  int64(value: number): this {
    if (value >= 0) return this.varint(value);
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  /** A length-delimited field with the given content bytes. */
  bytes(field: number, content: Uint8Array): this {
    this.tag(field, WIRE_LEN).varint(content.length);
    this.buf.set(content, this.pos);
    this.pos += content.length;
    return this;
  }

  /** A string field; `byteLength` must be the string's UTF-8 size. */
  string(field: number, value: string, byteLength: number): this {
    this.tag(field, WIRE_LEN).varint(byteLength);
    this.pos += this.buf.write(value, this.pos, byteLength, "utf8");
    return this;
  }

  /** The header of a length-delimited field whose content the caller writes next. */
  open(field: number, length: number): this {
    return this.tag(field, WIRE_LEN).varint(length);
  }

  fixed64(field: number, value: bigint): this {
    this.tag(field, WIRE_FIXED64);
    this.buf.writeBigUInt64LE(value, this.pos);
    this.pos += 8;
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, WIRE_FIXED64);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
    return this;
  }

  finish(): Buffer {
    if (this.pos !== this.buf.length)
      throw new Error(`protobuf size mismatch: wrote ${this.pos} of ${this.buf.length}`);
    return this.buf;
  }
}
