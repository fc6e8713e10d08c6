import { describe, expect, it } from "vitest";
import { parseKeyring, decryptBytes } from "../crypto/keyring";
import { outboxAad } from "../crypto/outbox-aad";
import { openSpanMember } from "../delivery/outbox-payload";
import { buildRecord } from "../simulator/records";
import { NO_CONTROLS } from "../validation/drain-controls";
import { sealSlice, type SealDrain } from "./seal-slice";
import { sealJob } from "@/test/support/seal-jobs";

const keyring = parseKeyring(`v1:${Buffer.alloc(32, 5).toString("base64")}`);
const drain = (n: number, settings: Partial<SealDrain> = {}): SealDrain => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  forwardContent: true,
  type: "langfuse",
  encoding: "protobuf",
  ...settings,
});

const job = (drains: SealDrain[]) =>
  sealJob([Buffer.from(JSON.stringify(buildRecord({ kind: "chat", keySecret: "sk-apt-seal-test" })))], drains);

/** Each stored row opened with its own drain's binding: the gzip member it holds. */
function members(drains: SealDrain[]) {
  const { rows } = sealSlice(job(drains), keyring);
  const payloads = Buffer.from(rows.payloads);
  return rows.drainIds.map((drainId, i) => {
    const payload = payloads.subarray(rows.offsets[i], rows.offsets[i]! + rows.lengths[i]!);
    return {
      drainId,
      spanId: rows.spanIds[i]!,
      payload,
      member: openSpanMember(keyring, drainId, rows.spanIds[i]!, payload),
    };
  });
}

describe("sealSlice for several drains of one environment", () => {
  it("stores one row per drain, each encrypted for its own drain only", () => {
    const rows = members([drain(1), drain(2)]);
    expect(rows.map((r) => r.drainId)).toEqual([drain(1).id, drain(2).id]);
    expect(rows[0]!.payload.equals(rows[1]!.payload)).toBe(false);
    expect(() => decryptBytes(keyring, rows[0]!.payload, outboxAad(drain(2).id, rows[0]!.spanId))).toThrow();
  });

  it("gives drains that render alike the same span, and others their own", () => {
    const [a, b, metadataOnly, json, redacting] = members([
      drain(1),
      drain(2),
      drain(3, { forwardContent: false }),
      drain(4, { type: "otlp", encoding: "json" }),
      drain(5, {
        controls: { ...NO_CONTROLS, redaction: { detectors: ["email"], customPatterns: [] } },
      }),
    ]);
    expect(a!.member.equals(b!.member)).toBe(true);
    for (const other of [metadataOnly, json, redacting]) expect(a!.member.equals(other!.member)).toBe(false);
  });
});
