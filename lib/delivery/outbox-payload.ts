import { gunzipSync, gzip, gzipSync, constants } from "node:zlib";
import { promisify } from "node:util";
import { decryptBytes, encryptBytes, type Keyring } from "../crypto/keyring";
import { encodeSpanFrame } from "../otlp/span-frame";
import type { MappedSpan } from "../tracing/span-mapping";

// A queued span is stored the way it will be sent: its OTLP protobuf frame, as one gzip
// member (see lib/otlp/export-request.ts), encrypted with the drain keyring and bound to its
// drain and span id (it holds prompts and completions, possibly PHI). Delivery decrypts and
// concatenates; it never decodes, re-encodes or recompresses.

const aad = (drainId: string, spanId: string) => `outbox|drain:${drainId}|span:${spanId}`;
const gzipAsync = promisify(gzip);
// Level 1: the cost of ingest is mostly compression, and LLM text still shrinks ~3×.
const GZIP = { level: constants.Z_BEST_SPEED };

export type SealedSpan = { payload: Buffer; sizeBytes: number };

function seal(keyring: Keyring, drainId: string, spanId: string, member: Buffer, frameBytes: number): SealedSpan {
  return { payload: encryptBytes(keyring, member, aad(drainId, spanId)), sizeBytes: frameBytes };
}

/** Compresses (on libuv's thread pool, off the event loop) and encrypts an encoded span frame. */
export async function sealFrame(keyring: Keyring, drainId: string, spanId: string, frame: Buffer): Promise<SealedSpan> {
  return seal(keyring, drainId, spanId, await gzipAsync(frame, GZIP), frame.length);
}

/** A span as it is sent, without storing it (Send test trace). */
export function spanMember(span: MappedSpan): { member: Buffer; frameBytes: number } {
  const frame = encodeSpanFrame(span);
  return { member: gzipSync(frame, GZIP), frameBytes: frame.length };
}

/** The stored gzip member of the span's frame. */
export function openSpanMember(keyring: Keyring, drainId: string, spanId: string, payload: Uint8Array): Buffer {
  return decryptBytes(keyring, payload, aad(drainId, spanId));
}

/** The span's protobuf frame, decompressed (for re-encoding or inspection). */
export function openSpanFrame(keyring: Keyring, drainId: string, spanId: string, payload: Uint8Array): Buffer {
  return gunzipSync(openSpanMember(keyring, drainId, spanId, payload));
}
