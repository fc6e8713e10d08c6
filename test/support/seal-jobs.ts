import { keyHashInBytes } from "@/lib/ingest/key-hash";
import type { SealDrain, SealJob } from "@/lib/ingest/seal-slice";

/** Records of one LLM key packed as ingest hands them to a thread, for an environment with these drains. */
export function sealJob(records: Buffer[], drains: SealDrain[]): SealJob {
  const hash = keyHashInBytes(records[0]!)!;
  let offset = 0;
  const entries = records.map((r, index) => {
    const entry = { index, offset, length: r.length, depth: 8, hash };
    offset += r.length;
    return entry;
  });
  const target = {
    keyId: "k",
    organizationId: "o",
    environmentId: "e",
    environmentHandle: "h",
    keyAlias: null,
    drains,
  };
  return { data: new Uint8Array(Buffer.concat(records)).buffer, records: entries, targets: { [hash]: target } };
}
