import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseKeyring } from "../crypto/keyring";
import { storedFixtures } from "@/test/fixtures/litellm";
import { RecordSplitter, type RawRecord } from "./record-stream";
import { sealSlice, type SealJob, type SealTarget } from "./seal-slice";
import { keyHashInBytes } from "./key-hash";
import { DETECTOR_IDS } from "../redaction/detectors";
import { NO_CONTROLS } from "../validation/drain-controls";

// Generated inputs, seeded so a failure reproduces: whatever a record holds, sealing it
// yields a span or a skip reason, never an exception; whatever a body holds, splitting it
// never throws and keeps every well-formed record of the batch.

// Thousands of generated cases per test: CPU-bound by design, so a busy machine must not fail them on time.
const FUZZ_TIMEOUT_MS = 120_000;
const SEED = 20261127;
const keyring = parseKeyring(`v1:${Buffer.alloc(32, 3).toString("base64")}`);
const fixtures = storedFixtures().map((f) => f.text);
const target: SealTarget = {
  keyId: "k",
  organizationId: "o",
  environmentId: "e",
  environmentHandle: "fuzz",
  keyAlias: null,
  drains: [
    { id: "00000000-0000-4000-8000-000000000001", forwardContent: true, type: "langfuse", encoding: "protobuf" },
    { id: "00000000-0000-4000-8000-000000000002", forwardContent: false, type: "langfuse", encoding: "protobuf" },
    { id: "00000000-0000-4000-8000-000000000003", forwardContent: true, type: "otlp", encoding: "json" },
    // Redaction, sampling and filters on: they see the same arbitrary records.
    {
      id: "00000000-0000-4000-8000-000000000004",
      forwardContent: true,
      type: "langfuse",
      encoding: "protobuf",
      controls: {
        ...NO_CONTROLS,
        redaction: { detectors: [...DETECTOR_IDS], customPatterns: [{ name: "MRN", pattern: "MRN-[0-9]{6}" }] },
        sampleRate: 50,
        filters: { ...NO_CONTROLS.filters, callTypes: ["acompletion", "completion", "anthropic_messages"] },
      },
    },
  ],
};

function split(body: Buffer, chunk: number): RawRecord[] {
  const splitter = new RecordSplitter();
  const out: RawRecord[] = [];
  for (let i = 0; i < body.length; i += chunk) out.push(...splitter.push(body.subarray(i, i + chunk)));
  return [...out, ...splitter.end()];
}

function seal(records: RawRecord[]) {
  const good = records.flatMap((r) => ("bytes" in r ? [r] : []));
  const data = Buffer.concat(good.map((r) => r.bytes));
  let offset = 0;
  const entries = good.map((r) => {
    const e = { index: r.index, offset, length: r.bytes.length, depth: r.depth, hash: keyHashInBytes(r.bytes) };
    offset += r.bytes.length;
    return e;
  });
  const targets = Object.fromEntries(entries.flatMap((e) => (e.hash ? [[e.hash, target]] : [])));
  const job: SealJob = { data: new Uint8Array(data).buffer, records: entries, targets };
  return sealSlice(job, keyring);
}

/** A fixture with some of its values replaced by arbitrary JSON (wrong types, nulls, deep values). */
const mutatedRecord = fc
  .record({
    fixture: fc.constantFrom(...fixtures),
    replacements: fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 6 })), { maxLength: 6 }),
  })
  .map(({ fixture, replacements }) => {
    const record = JSON.parse(fixture.replace(/\bNaN\b|-?\bInfinity\b/g, "null")) as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => k !== "metadata");
    for (const [at, value] of replacements) record[keys[at % keys.length]!] = value;
    return JSON.stringify(record);
  });

describe("fuzz: sealing any record", () => {
  it(
    "mutated LiteLLM records: a span or a reason, never an exception",
    () => {
      fc.assert(
        fc.property(mutatedRecord, (text) => {
          const result = seal(split(Buffer.from(text), 1 << 16));
          expect(result.accepted + result.skipped.length + result.needsLookup.length).toBe(1);
        }),
        { seed: SEED, numRuns: 4000 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    "any JSON value as a record: a span or a reason, never an exception",
    () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
          const result = seal(split(Buffer.from(JSON.stringify(value) ?? "null"), 1 << 16));
          expect(result.accepted).toBe(0);
        }),
        { seed: SEED, numRuns: 3000 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe("fuzz: splitting any body", () => {
  it(
    "keeps every well-formed record among junk, whatever the chunking",
    () => {
      const junk = fc.oneof(
        fc.string({ maxLength: 40 }).map((s) => s.replace(/[[\]{},"]/g, "")),
        fc.constantFrom("{", "[", '"unterminated', "NaN", "1e308", "\u0000", "}", "]", '{"a":'),
        fc.integer({ min: 1, max: 3000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
      );
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              mutatedRecord.map((r) => ({ good: r })),
              junk.map((j) => ({ bad: j })),
            ),
            { maxLength: 12 },
          ),
          fc.integer({ min: 1, max: 4096 }),
          (items, chunk) => {
            // Junk goes inside a JSON string so it cannot swallow its neighbours; each item is one element.
            const elements = items.map((i) => ("good" in i ? i.good : JSON.stringify(i.bad)));
            const records = split(Buffer.from(`[${elements.join(",")}]`), chunk);
            expect(records).toHaveLength(elements.length);
            const result = seal(records);
            const good = items.filter((i) => "good" in i).length;
            expect(
              result.accepted + result.skipped.filter((s) => s.index in items && "good" in items[s.index]!).length,
            ).toBe(good);
          },
        ),
        { seed: SEED, numRuns: 1500 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    "never throws on arbitrary bytes",
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 512 }), (bytes, chunk) => {
          const records = split(Buffer.from(bytes), chunk);
          seal(records);
        }),
        { seed: SEED, numRuns: 2000 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
