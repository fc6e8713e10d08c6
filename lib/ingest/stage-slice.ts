import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { decryptBytes, encryptBytes, type Keyring } from "../crypto/keyring";
import { STAGE_AAD } from "../crypto/outbox-aad";
import { checkRecord, concatRows, sealSlice, type SealJob, type SealResult, type SealTarget } from "./seal-slice";

// Staged ingest, the CPU side (ingest threads). A slice is checked the way sealing checks it
// (parse, validate, key, times: what decides the answer the gateway gets) and the records
// that go to a drain are packed as they came, with their verified key hash, into one buffer
// encrypted under the drain keyring (they may hold PHI). That buffer is what ingest stores
// before its 202; sealing it later (stage-sealer.ts) is the rest of sealSlice's work.
//
// The packed records are compressed with Brotli at quality 0 before encryption: ~3 ms per
// MB of LLM text for a third of the size or less (zlib level 1 takes ~10 ms for a little
// less). Writing a 512-record batch was most of its answer's time (PostgreSQL takes 6 MB in
// ~50 ms here); it also makes staged slices cheaper to hold in memory and to read back.

export type StageResult = {
  accepted: number;
  skipped: { index: number; reason: string }[];
  needsLookup: { index: number; hash: string }[];
  usedKeyIds: string[];
  /** The records to seal later, packed and encrypted; empty when none of them has a drain. */
  staged: ArrayBuffer;
  stagedRecords: number;
  /** The key hashes of the staged records: sealing looks their targets up again. */
  keyHashes: string[];
};

/** Staged slices sealed together (a gateway posting one record per request stages one per request). */
export type StagedJob = { payloads: ArrayBuffer[]; targets: Record<string, SealTarget> };
/** `rowStages`: for each queued row, the index of the staged slice it came from. */
export type StagedSealResult = SealResult & { rowStages: number[] };

/** A copy in an ArrayBuffer of its own (never Node's shared pool), so it can be transferred. */
export function ownCopy(bytes: Uint8Array): ArrayBuffer {
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return own.buffer;
}

export function stageSlice(job: SealJob, keyring: Keyring): StageResult {
  const data = Buffer.from(job.data);
  const result: StageResult = {
    accepted: 0,
    skipped: [],
    needsLookup: [],
    usedKeyIds: [],
    staged: new ArrayBuffer(0),
    stagedRecords: 0,
    keyHashes: [],
  };
  const usedKeys = new Set<string>();
  const hashes = new Set<string>();
  const kept: { index: number; depth: number; hash: string; bytes: Buffer }[] = [];
  for (const r of job.records) {
    const bytes = data.subarray(r.offset, r.offset + r.length);
    const checked = checkRecord(bytes, r, job.targets);
    if ("skip" in checked) result.skipped.push({ index: r.index, reason: checked.skip });
    else if ("lookup" in checked) result.needsLookup.push({ index: r.index, hash: checked.lookup });
    else {
      result.accepted++;
      usedKeys.add(checked.target.keyId);
      if (checked.target.drains.length === 0) continue;
      hashes.add(checked.hash);
      kept.push({ index: r.index, depth: r.depth, hash: checked.hash, bytes });
    }
  }
  result.usedKeyIds = [...usedKeys];
  if (kept.length === 0) return result;
  // [index length][index JSON][records' bytes], then encrypted.
  let offset = 0;
  const index = kept.map((k) => {
    const entry = { index: k.index, offset, length: k.bytes.length, depth: k.depth, hash: k.hash };
    offset += k.bytes.length;
    return entry;
  });
  const header = Buffer.from(JSON.stringify(index));
  const plain = Buffer.allocUnsafe(4 + header.length + offset);
  plain.writeUInt32BE(header.length, 0);
  header.copy(plain, 4);
  let at = 4 + header.length;
  for (const k of kept) at += k.bytes.copy(plain, at);
  const sealed = encryptBytes(keyring, compressStaged(plain), STAGE_AAD);
  result.staged = ownCopy(sealed);
  result.stagedRecords = kept.length;
  result.keyHashes = [...hashes];
  return result;
}

// A staged payload's first byte says how it is packed. Before compression it was the high
// byte of the index's length, always 0 (an index of at most 256 records is far below 16 MB):
// rows staged by an older server, still waiting after an upgrade, open as they are.
const PACKED_PLAIN = 0;
const PACKED_BROTLI = 1;

function compressStaged(plain: Buffer): Buffer {
  const compressed = brotliCompressSync(plain, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 0, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length },
  });
  return Buffer.concat([Buffer.of(PACKED_BROTLI), compressed]);
}

function decompressStaged(packed: Buffer): Buffer {
  if (packed[0] === PACKED_PLAIN) return packed;
  if (packed[0] === PACKED_BROTLI) return brotliDecompressSync(packed.subarray(1));
  throw new Error(`staged payload packed in an unknown format (${packed[0]})`);
}

/** The staged records as a slice to seal, each record's key hash the one verified at ingest. */
export function openStaged(payload: Uint8Array, keyring: Keyring): Omit<SealJob, "targets"> {
  const plain = decompressStaged(decryptBytes(keyring, payload, STAGE_AAD));
  const headerLength = plain.readUInt32BE(0);
  const records = JSON.parse(plain.subarray(4, 4 + headerLength).toString("utf8")) as SealJob["records"];
  return { data: ownCopy(plain.subarray(4 + headerLength)), records };
}

/** Seals staged slices for the drains their records' keys lead to now. */
export function sealStaged(job: StagedJob, keyring: Keyring): StagedSealResult {
  const results = job.payloads.map((payload) =>
    sealSlice({ ...openStaged(new Uint8Array(payload), keyring), targets: job.targets }, keyring),
  );
  const leftOut: SealResult["leftOut"] = {};
  for (const r of results) {
    for (const [drainId, n] of Object.entries(r.leftOut)) {
      const total = (leftOut[drainId] ??= { sampled: 0, filtered: 0 });
      total.sampled += n.sampled;
      total.filtered += n.filtered;
    }
  }
  return {
    accepted: results.reduce((n, r) => n + r.accepted, 0),
    leftOut,
    skipped: results.flatMap((r) => r.skipped),
    needsLookup: results.flatMap((r) => r.needsLookup),
    usedKeyIds: [...new Set(results.flatMap((r) => r.usedKeyIds))],
    rows: concatRows(results.map((r) => r.rows)),
    rowStages: results.flatMap((r, i) => r.rows.drainIds.map(() => i)),
  };
}
