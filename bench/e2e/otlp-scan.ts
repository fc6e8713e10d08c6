import { gunzipSync } from "node:zlib";

// A receiver's cheapest reading of an OTLP trace export: each span's id and end time, no
// attributes (a benchmark receiver must not compete with the server for the CPU).

export type ScannedSpan = { spanId: string; endNanos: bigint };

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

/** Walks the fields of a length-delimited region, calling `onField` for LEN and fixed64 fields. */
function walk(buf: Buffer, start: number, end: number, onField: (field: number, from: number, to: number) => void) {
  let pos = start;
  while (pos < end) {
    let tag: number;
    [tag, pos] = varint(buf, pos);
    const field = tag >>> 3;
    const wire = tag & 7;
    if (wire === 0) [, pos] = varint(buf, pos);
    else if (wire === 1) {
      onField(field, pos, pos + 8);
      pos += 8;
    } else if (wire === 2) {
      let len: number;
      [len, pos] = varint(buf, pos);
      onField(field, pos, pos + len);
      pos += len;
    } else if (wire === 5) pos += 4;
    else throw new Error(`wire type ${wire}`);
  }
}

function scanProtobuf(buf: Buffer): ScannedSpan[] {
  const spans: ScannedSpan[] = [];
  walk(buf, 0, buf.length, (f, a, b) => {
    if (f !== 1) return;
    walk(buf, a, b, (rf, ra, rb) => {
      if (rf !== 2) return;
      walk(buf, ra, rb, (sf, sa, sb) => {
        if (sf !== 2) return;
        const span: ScannedSpan = { spanId: "", endNanos: 0n };
        walk(buf, sa, sb, (pf, pa, pb) => {
          if (pf === 2) span.spanId = buf.toString("hex", pa, pb);
          else if (pf === 8) span.endNanos = buf.readBigUInt64LE(pa);
        });
        spans.push(span);
      });
    });
  });
  return spans;
}

function scanJson(buf: Buffer): ScannedSpan[] {
  const body = JSON.parse(buf.toString("utf8")) as {
    resourceSpans?: { scopeSpans?: { spans?: { spanId: string; endTimeUnixNano: string | number }[] }[] }[];
  };
  return (body.resourceSpans ?? []).flatMap((rs) =>
    (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({ spanId: s.spanId, endNanos: BigInt(s.endTimeUnixNano) })),
    ),
  );
}

export function scanExport(body: Buffer, contentType: string, contentEncoding: string): ScannedSpan[] {
  const raw = contentEncoding.includes("gzip") ? gunzipSync(body) : body;
  return contentType.includes("protobuf") ? scanProtobuf(raw) : scanJson(raw);
}
