// Reads a few string attributes back from a stored span (its protobuf frame, or its OTLP/JSON
// object), so a dead letter can be listed by request id and model without showing content.
// Only what our own encoders write is read: Span.attributes (field 9) as KeyValue
// { key (1), value (2): AnyValue { string_value (1) } }.

import { readVarint } from "./protobuf";

type Wanted = readonly string[];

/**
 * Each length-delimited field of a message, as [field number, start, end, whole]. A frame may
 * be only the start of one (dead letters are read from their first kilobytes): a field cut
 * short ends at the buffer's end with `whole` false, and a truncated tag ends the message.
 */
function* fields(buf: Buffer, start: number, end: number): Generator<[number, number, number, boolean]> {
  let pos = start;
  const stop = Math.min(end, buf.length);
  while (pos < stop) {
    let tag: number;
    try {
      [tag, pos] = readVarint(buf, pos);
      const wire = tag & 7;
      if (wire === 0) [, pos] = readVarint(buf, pos);
      else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else if (wire === 2) {
        let len: number;
        [len, pos] = readVarint(buf, pos);
        yield [tag >>> 3, pos, Math.min(pos + len, stop), pos + len <= buf.length];
        pos += len;
      } else throw new Error(`wire type ${wire}`);
    } catch (err) {
      if (err instanceof Error && err.message === "truncated varint") return;
      throw err;
    }
  }
}

function fromProtobufFrame(frame: Buffer, wanted: Wanted): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [field, start, end] of fields(frame, 0, frame.length)) {
    if (field !== 2) continue;
    for (const [f, s, e, whole] of fields(frame, start, end)) {
      // An attribute cut short by the end of what was read is not reported half.
      if (f !== 9 || !whole) continue;
      let key = "";
      let value: string | undefined;
      for (const [kf, ks, ke] of fields(frame, s, e)) {
        if (kf === 1) key = frame.toString("utf8", ks, ke);
        else if (kf === 2)
          for (const [vf, vs, ve] of fields(frame, ks, ke)) if (vf === 1) value = frame.toString("utf8", vs, ve);
      }
      if (value !== undefined && wanted.includes(key)) found[key] = value;
    }
  }
  return found;
}

function fromJsonSpan(text: string, wanted: Wanted): Record<string, string> {
  const span = JSON.parse(text) as { attributes?: { key: string; value?: { stringValue?: unknown } }[] };
  const found: Record<string, string> = {};
  for (const a of span.attributes ?? []) {
    if (wanted.includes(a.key) && typeof a.value?.stringValue === "string") found[a.key] = a.value.stringValue;
  }
  return found;
}

/** The wanted string attributes of a span frame (protobuf) or JSON span; nothing when it cannot be read. */
export function spanStrings(frame: Buffer, json: boolean, wanted: Wanted): Record<string, string> {
  try {
    return json ? fromJsonSpan(frame.toString("utf8"), wanted) : fromProtobufFrame(frame, wanted);
  } catch {
    return {};
  }
}
