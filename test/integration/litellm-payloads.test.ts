import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/database";
import { hashLlmKey } from "@/lib/auth/llm-key-secret";
import { agentRecord, fixture, FIXTURE_KEY_HASH, litellmBody, storedFixtures } from "@/test/fixtures/litellm";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, outboxCounts, postLogs } from "./forwarding-fixtures";

// Real-shaped LiteLLM traffic through the ingest endpoint to the fake Langfuse: every
// fixture in each of LiteLLM's body formats, a default flush of 45 KB agent records, and
// batches holding records that must be skipped alone.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;
let keyHash: string;

beforeAll(async () => {
  world = await createForwardingWorld(fake());
  keyHash = hashLlmKey(world.keySecret);
});
beforeEach(async () => {
  fake().setMode("normal");
  fake().spans.length = 0;
  await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
});

/** The fixtures' text signed with this world's key, byte for byte otherwise. */
const signed = () => storedFixtures().map((f) => ({ ...f, text: f.text.replaceAll(FIXTURE_KEY_HASH, keyHash) }));

/** The expected span attributes of a fixture, with this world's identities. */
function expectedAttributes(name: string): Record<string, unknown> {
  const file = path.join(process.cwd(), "test/fixtures/litellm/expected", `${name}.span.json`);
  const { attributes } = JSON.parse(fs.readFileSync(file, "utf8")) as { attributes: Record<string, unknown> };
  // A record without a key alias shows the alias the key has in the dashboard.
  const alias = (fixture(name).metadata as { user_api_key_alias?: string }).user_api_key_alias ?? "svc";
  return {
    ...attributes,
    "aptible.organization.id": world.orgA.id,
    "aptible.environment.id": world.envA.id,
    "aptible.environment.handle": world.envA.handle,
    "aptible.key.hash": keyHash,
    "aptible.key.alias": alias,
    "langfuse.observation.metadata.key_alias": alias,
    "langfuse.environment": world.envA.handle,
  };
}

async function deliverAll() {
  const worker = newWorker();
  while ((await worker.runOnce()) > 0);
}

describe("LiteLLM's generic API callback, every fixture", () => {
  it.each(["json_array", "ndjson", "single"] as const)(
    "posted as %s: all accepted and delivered with the expected attributes",
    async (format) => {
      const fixtures = signed();
      if (format === "single") {
        for (const f of fixtures)
          expect((await postLogs(null, { raw: f.text })).json).toEqual({ accepted: 1, skipped: [] });
      } else {
        const res = await postLogs(null, {
          raw: litellmBody(
            format,
            fixtures.map((f) => f.text),
          ),
        });
        expect(res.status).toBe(202);
        expect(res.json).toEqual({ accepted: fixtures.length, skipped: [] });
      }
      await deliverAll();
      expect(fake().spans).toHaveLength(fixtures.length);
      for (const f of fixtures) {
        const expected = expectedAttributes(f.name);
        const span = fake().spans.find((s) => s.attributes["aptible.request.id"] === expected["aptible.request.id"]);
        expect(span?.attributes, f.name).toEqual(expected);
      }
    },
  );
});

describe("a default LiteLLM flush of agent traffic", () => {
  it("512 records of ~45 KB in one json_array (~23 MB) are accepted and delivered completely", async () => {
    const records = Array.from({ length: 512 }, (_, i) => {
      const r = agentRecord(45_000, `chatcmpl-agent-${i}`, i + 1);
      (r.metadata as Record<string, unknown>).user_api_key_hash = keyHash;
      return JSON.stringify(r);
    });
    const body = litellmBody("json_array", records);
    expect(body.length).toBeGreaterThan(22 * 1024 * 1024);
    const res = await postLogs(null, { raw: body });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ accepted: 512, skipped: [] });
    await deliverAll();
    expect(new Set(fake().spans.map((s) => s.attributes["aptible.request.id"])).size).toBe(512);
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 0, dead: 0 });
    expect(Math.max(...fake().exports.map((e) => e.bytes))).toBeLessThanOrEqual(4 * 1024 * 1024);
  }, 120_000);
});

describe("one bad record never costs the batch", () => {
  it("deep nesting, an absurd time, a string time that is not one, null and garbage are skipped alone", async () => {
    const [good] = signed().filter((f) => f.name === "openai-chat");
    const deep = `{"metadata":{"user_api_key_hash":"${keyHash}"},"messages":[{"role":"user","content":${"[".repeat(5000)}${"]".repeat(5000)}}]}`;
    const deepFormat = `{"metadata":{"user_api_key_hash":"${keyHash}"},"model_parameters":{"response_format":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}}`;
    const hugeTime = good!.text.replace(/"startTime": [0-9.]+/, '"startTime": 1e308');
    const badTime = good!.text.replace(/"startTime": [0-9.]+/, '"startTime": "yesterday"');
    const body = `[${[good!.text, deep, hugeTime, "null", deepFormat, '{"id": oops}', badTime, good!.text].join(",")}]`;
    const res = await postLogs(null, { raw: body });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({
      accepted: 2,
      skipped: [
        { index: 1, reason: "nested deeper than 64 levels" },
        { index: 2, reason: "startTime is out of range (expected epoch seconds between 2000 and 2100)" },
        { index: 3, reason: "not a JSON object" },
        { index: 4, reason: "nested deeper than 64 levels" },
        { index: 5, reason: "malformed JSON" },
        { index: 6, reason: "startTime is not a time: expected epoch seconds or ISO 8601" },
      ],
    });
    expect(await outboxCounts(world.drainId)).toEqual({ pending: 2, dead: 0 });
  });

  it("a body cut short keeps the records before the cut", async () => {
    const [a, b] = signed();
    const res = await postLogs(null, { raw: `[${a!.text}, ${b!.text}, ${b!.text.slice(0, 300)}` });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({
      accepted: 2,
      skipped: [{ index: 2, reason: "truncated: the body ended inside this record" }],
    });
  });
});
