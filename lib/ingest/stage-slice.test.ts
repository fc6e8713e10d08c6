import { describe, expect, it } from "vitest";
import { encryptBytes, parseKeyring } from "../crypto/keyring";
import { STAGE_AAD } from "../crypto/outbox-aad";
import { buildRecord } from "../simulator/records";
import type { SealDrain, SealJob } from "./seal-slice";
import { sealJob } from "@/test/support/seal-jobs";
import { openStaged, stageSlice } from "./stage-slice";

const keyring = parseKeyring(`v1:${Buffer.alloc(32, 9).toString("base64")}`);
const drain: SealDrain = {
  id: "00000000-0000-4000-8000-000000000001",
  forwardContent: true,
  type: "langfuse",
  encoding: "protobuf",
};

/** A slice of simulated gateway records (prose-like prompts and answers), all of one key. */
function slice(count: number): { job: SealJob; records: Buffer[] } {
  const kinds = ["chat", "streaming", "tool_calls", "embedding"] as const;
  const records = Array.from({ length: count }, (_, i) =>
    Buffer.from(JSON.stringify(buildRecord({ kind: kinds[i % kinds.length]!, keySecret: "sk-apt-stage-test" }))),
  );
  return { job: sealJob(records, [drain]), records };
}

const recordsOf = (opened: ReturnType<typeof openStaged>) =>
  opened.records.map((r) => Buffer.from(opened.data, r.offset, r.length));

describe("staged slices", () => {
  it("open to the records as they came, compressed to well under their size", () => {
    const { job, records } = slice(40);
    const staged = stageSlice(job, keyring);
    expect(staged.stagedRecords).toBe(40);
    const opened = openStaged(new Uint8Array(staged.staged), keyring);
    expect(recordsOf(opened)).toEqual(records);
    expect(opened.records.map((r) => r.index)).toEqual(records.map((_, i) => i));
    const recordBytes = records.reduce((n, r) => n + r.length, 0);
    expect(staged.staged.byteLength).toBeLessThan(recordBytes / 2);
  });

  it("still open when staged by a server from before compression (rows waiting across an upgrade)", () => {
    const { records } = slice(3);
    let offset = 0;
    const index = records.map((r, i) => {
      const entry = { index: i, offset, length: r.length, depth: 8, hash: "h" };
      offset += r.length;
      return entry;
    });
    const header = Buffer.from(JSON.stringify(index));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    const old = encryptBytes(keyring, Buffer.concat([length, header, ...records]), STAGE_AAD);
    expect(recordsOf(openStaged(old, keyring))).toEqual(records);
  });

  it("refuses a payload packed in a format it does not know, rather than misreading it", () => {
    const unknown = encryptBytes(keyring, Buffer.from([7, 1, 2, 3]), STAGE_AAD);
    expect(() => openStaged(unknown, keyring)).toThrow(/unknown format/);
  });
});
