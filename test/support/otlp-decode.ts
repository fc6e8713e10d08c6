import { gunzipSync } from "node:zlib";

// Decodes an OTLP/HTTP trace export, protobuf or JSON, gzip or not, into plain spans with
// unwrapped attribute values: what a receiver (Langfuse, a collector) sees. Test and
// benchmark code only; written from opentelemetry-proto's trace.proto field numbers.

export type DecodedSpan = {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status: { code?: number; message?: string };
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: { name?: string; version?: string };
};

class Reader {
  pos = 0;
  constructor(
    readonly buf: Buffer,
    readonly end = buf.length,
  ) {}
  done() {
    return this.pos >= this.end;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  tag(): [field: number, wire: number] {
    const t = Number(this.varint());
    return [t >>> 3, t & 7];
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  sub(): Reader {
    const len = Number(this.varint());
    const r = new Reader(this.buf, this.pos + len);
    r.pos = this.pos;
    this.pos += len;
    return r;
  }
  fixed64(): bigint {
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }
  double(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
  skip(wire: number) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.pos += Number(this.varint());
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function anyValue(r: Reader): unknown {
  let value: unknown = undefined;
  while (!r.done()) {
    const [f, w] = r.tag();
    if (f === 1 && w === 2) value = r.bytes().toString("utf8");
    else if (f === 2 && w === 0) value = r.varint() !== 0n;
    else if (f === 3 && w === 0) value = Number(BigInt.asIntN(64, r.varint()));
    else if (f === 4 && w === 1) value = r.double();
    else if (f === 5 && w === 2) {
      const arr = r.sub();
      const values: unknown[] = [];
      while (!arr.done()) {
        const [af, aw] = arr.tag();
        if (af === 1 && aw === 2) values.push(anyValue(arr.sub()));
        else arr.skip(aw);
      }
      value = values;
    } else if (f === 6 && w === 2) value = { kvlist: keyValues(r.sub(), 1) };
    else if (f === 7 && w === 2) value = r.bytes();
    else r.skip(w);
  }
  return value;
}

function keyValue(r: Reader): [string, unknown] {
  let key = "";
  let value: unknown;
  while (!r.done()) {
    const [f, w] = r.tag();
    if (f === 1 && w === 2) key = r.bytes().toString("utf8");
    else if (f === 2 && w === 2) value = anyValue(r.sub());
    else r.skip(w);
  }
  return [key, value];
}

/** Reads the KeyValue entries of field `field` of a message. */
function keyValues(r: Reader, field: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (!r.done()) {
    const [f, w] = r.tag();
    if (f === field && w === 2) {
      const [k, v] = keyValue(r.sub());
      out[k] = v;
    } else r.skip(w);
  }
  return out;
}

function span(r: Reader, resource: Record<string, unknown>, scope: DecodedSpan["scope"]): DecodedSpan {
  const s: DecodedSpan = {
    traceId: "",
    spanId: "",
    name: "",
    kind: 0,
    startTimeUnixNano: "0",
    endTimeUnixNano: "0",
    status: {},
    attributes: {},
    resource,
    scope,
  };
  while (!r.done()) {
    const [f, w] = r.tag();
    if (f === 1 && w === 2) s.traceId = r.bytes().toString("hex");
    else if (f === 2 && w === 2) s.spanId = r.bytes().toString("hex");
    else if (f === 5 && w === 2) s.name = r.bytes().toString("utf8");
    else if (f === 6 && w === 0) s.kind = Number(r.varint());
    else if (f === 7 && w === 1) s.startTimeUnixNano = r.fixed64().toString();
    else if (f === 8 && w === 1) s.endTimeUnixNano = r.fixed64().toString();
    else if (f === 9 && w === 2) {
      const [k, v] = keyValue(r.sub());
      s.attributes[k] = v;
    } else if (f === 15 && w === 2) {
      const st = r.sub();
      while (!st.done()) {
        const [sf, sw] = st.tag();
        if (sf === 2 && sw === 2) s.status.message = st.bytes().toString("utf8");
        else if (sf === 3 && sw === 0) s.status.code = Number(st.varint());
        else st.skip(sw);
      }
    } else r.skip(w);
  }
  return s;
}

export function decodeProtobufRequest(body: Buffer): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  const req = new Reader(body);
  while (!req.done()) {
    const [f, w] = req.tag();
    if (f !== 1 || w !== 2) {
      req.skip(w);
      continue;
    }
    const rs = req.sub();
    let resource: Record<string, unknown> = {};
    const scopes: Reader[] = [];
    while (!rs.done()) {
      const [rf, rw] = rs.tag();
      if (rf === 1 && rw === 2) resource = keyValues(rs.sub(), 1);
      else if (rf === 2 && rw === 2) scopes.push(rs.sub());
      else rs.skip(rw);
    }
    for (const ss of scopes) {
      const scope: DecodedSpan["scope"] = {};
      while (!ss.done()) {
        const [sf, sw] = ss.tag();
        if (sf === 1 && sw === 2) {
          const sc = ss.sub();
          while (!sc.done()) {
            const [cf, cw] = sc.tag();
            if (cf === 1 && cw === 2) scope.name = sc.bytes().toString("utf8");
            else if (cf === 2 && cw === 2) scope.version = sc.bytes().toString("utf8");
            else sc.skip(cw);
          }
        } else if (sf === 2 && sw === 2) spans.push(span(ss.sub(), resource, scope));
        else ss.skip(sw);
      }
    }
  }
  return spans;
}

type OtlpJsonValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpJsonValue[] };
};
type OtlpJsonKeyValue = { key: string; value: OtlpJsonValue };

function unwrap(v: OtlpJsonValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(unwrap);
  return v;
}
const jsonAttributes = (list: OtlpJsonKeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.key, unwrap(a.value)]));

export function decodeJsonRequest(body: Buffer): DecodedSpan[] {
  const parsed = JSON.parse(body.toString("utf8")) as {
    resourceSpans?: {
      resource?: { attributes?: OtlpJsonKeyValue[] };
      scopeSpans?: {
        scope?: { name?: string; version?: string };
        spans?: (Omit<DecodedSpan, "attributes" | "resource" | "scope"> & { attributes?: OtlpJsonKeyValue[] })[];
      }[];
    }[];
  };
  const spans: DecodedSpan[] = [];
  for (const rs of parsed.resourceSpans ?? []) {
    const resource = jsonAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const sp of ss.spans ?? []) {
        spans.push({
          ...sp,
          startTimeUnixNano: String(sp.startTimeUnixNano),
          endTimeUnixNano: String(sp.endTimeUnixNano),
          status: sp.status ?? {},
          attributes: jsonAttributes(sp.attributes),
          resource,
          scope: ss.scope ?? {},
        });
      }
    }
  }
  return spans;
}

/** Decodes an export request body from its headers: gzip or not, protobuf or JSON. */
export function decodeExportRequest(
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
): DecodedSpan[] {
  const encoding = String(headers["content-encoding"] ?? "");
  const raw = encoding.includes("gzip") ? gunzipSync(body) : body;
  const type = String(headers["content-type"] ?? "");
  if (type.includes("application/x-protobuf")) return decodeProtobufRequest(raw);
  if (type.includes("application/json")) return decodeJsonRequest(raw);
  throw new Error(`unsupported content type ${type}`);
}
