import { deflateRawSync, inflateRawSync, constants } from "node:zlib";
import { decryptBytes, encryptBytes, type Keyring } from "../crypto/keyring";
import type { MappedSpan } from "../tracing/span-mapping";

// Queued spans hold prompts and completions (possibly PHI), so they are encrypted at rest
// with the drain keyring, bound to their drain and span id. They are compressed first:
// LLM text shrinks several-fold, and the outbox's cost is the bytes it writes.

const aad = (drainId: string, spanId: string) => `outbox|drain:${drainId}|span:${spanId}`;

/**
 * An upper bound of the span's size once the exporter encodes it as OTLP/JSON: each
 * attribute becomes `{"key":…,"value":{"stringValue":…}}` (and each array item an object),
 * which the stored JSON does not pay. The worker caps export requests with this figure.
 */
export function encodedSizeBound(jsonBytes: number, span: MappedSpan): number {
  let extra = 400;
  for (const value of Object.values(span.attributes)) {
    extra += 48;
    if (Array.isArray(value)) extra += 24 * value.length;
  }
  return jsonBytes + extra;
}

export function sealSpan(keyring: Keyring, drainId: string, span: MappedSpan): { payload: Buffer; sizeBytes: number } {
  const json = Buffer.from(JSON.stringify(span), "utf8");
  const compressed = deflateRawSync(json, { level: constants.Z_BEST_SPEED });
  return {
    payload: encryptBytes(keyring, compressed, aad(drainId, span.spanId)),
    sizeBytes: encodedSizeBound(json.length, span),
  };
}

export function openSpan(keyring: Keyring, drainId: string, spanId: string, payload: Uint8Array): MappedSpan {
  return JSON.parse(
    inflateRawSync(decryptBytes(keyring, payload, aad(drainId, spanId))).toString("utf8"),
  ) as MappedSpan;
}
