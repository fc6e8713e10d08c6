import { gzipSync, inflateRawSync, constants } from "node:zlib";
import { decryptBytes, type Keyring } from "../crypto/keyring";
import { outboxAad } from "../crypto/outbox-aad";
import { encodeSpanFrame } from "../otlp/span-frame";
import type { MappedSpan } from "../tracing/span-mapping";

// Rows queued before spans were stored as protobuf frames (payload format 1: the mapped span
// as deflated JSON) are converted when delivered, so an upgrade loses nothing in the queue.

export function legacyPayloadToMember(keyring: Keyring, drainId: string, spanId: string, payload: Uint8Array) {
  const span = JSON.parse(
    inflateRawSync(decryptBytes(keyring, payload, outboxAad(drainId, spanId))).toString("utf8"),
  ) as MappedSpan;
  const frame = encodeSpanFrame(span);
  return { member: gzipSync(frame, { level: constants.Z_BEST_SPEED }), frameBytes: frame.length };
}
