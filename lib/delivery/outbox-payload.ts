import { decrypt, encrypt, type Keyring } from "../crypto/keyring";
import type { MappedSpan } from "../tracing/span-mapping";

// Queued spans hold prompts and completions (possibly PHI), so they are encrypted at rest
// with the drain keyring, bound to their drain and span id.

const aad = (drainId: string, spanId: string) => `outbox|drain:${drainId}|span:${spanId}`;

export function sealSpan(keyring: Keyring, drainId: string, span: MappedSpan): { payload: string; sizeBytes: number } {
  const json = JSON.stringify(span);
  return { payload: encrypt(keyring, json, aad(drainId, span.spanId)), sizeBytes: Buffer.byteLength(json) };
}

export function openSpan(keyring: Keyring, drainId: string, spanId: string, payload: string): MappedSpan {
  return JSON.parse(decrypt(keyring, payload, aad(drainId, spanId))) as MappedSpan;
}
