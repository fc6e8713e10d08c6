import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/database";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import * as item from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/route";
import * as health from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/health/route";
import * as preview from "@/app/api/environments/[environmentId]/llm-trace-drains/redaction-preview/route";
import { call } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, postLogs, records } from "./forwarding-fixtures";

// Per-drain controls end to end: redaction before anything leaves (built-in detectors and a
// custom RE2 pattern), sampling that is counted, and a key filter.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;
const PHI = "Patient jane.doe@example.com, SSN 123-45-6789, record MRN-123456, call (415) 555-0132";

beforeAll(async () => {
  world = await createForwardingWorld(fake());
});
beforeEach(() => {
  fake().spans.length = 0;
});

const params = () => ({ environmentId: world.envA.id, drainId: world.drainId });
const owner = (handler: Parameters<typeof call>[0], options: Parameters<typeof call>[1]) =>
  call(handler, { token: world.tokens.owner, ...options });
const setControls = (controls: Record<string, unknown>) =>
  owner(item.PATCH, { method: "PATCH", params: params(), json: { controls } });
/** A chat record whose prompt holds PHI. */
const phiRecord = () =>
  JSON.parse(JSON.stringify(records(world.keySecret, ["chat"])[0]).replace(/patient 4411/g, PHI)) as Record<
    string,
    unknown
  >;

describe("redaction before forwarding", () => {
  it("replaces what the detectors and a custom pattern find, everywhere content goes, and counts it", async () => {
    const saved = await setControls({
      redaction: { detectors: ["email", "ssn", "phone"], customPatterns: [{ name: "MRN", pattern: "MRN-[0-9]{6}" }] },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.drain).toMatchObject({ controls: { redaction: { detectors: ["email", "ssn", "phone"] } } });
    await postLogs([phiRecord()]);
    await newWorker().runOnce();
    const [span] = fake().spans;
    const sent = JSON.stringify(span);
    for (const secret of ["jane.doe@example.com", "123-45-6789", "MRN-123456", "555-0132"])
      expect(sent).not.toContain(secret);
    expect(String(span!.attributes["gen_ai.input.messages"])).toContain(
      "Patient [EMAIL], SSN [SSN], record [MRN], call [PHONE]",
    );
    expect(String(span!.attributes["langfuse.observation.input"])).toContain("[EMAIL]");
    expect(span!.attributes).toMatchObject({
      "aptible.redaction.applied": true,
      "aptible.redaction.email": 1,
      "aptible.redaction.ssn": 1,
      "aptible.redaction.mrn": 1,
      "aptible.redaction.phone": 1,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { targetId: world.drainId, action: "llm_trace_drain.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.changedFields).toEqual(["controls.redaction"]);
    expect(JSON.stringify(audit)).not.toContain("MRN-[0-9]");
  });

  it("spans queued before redaction was added are dropped with the change, never sent unredacted", async () => {
    await setControls({ redaction: { detectors: [], customPatterns: [] } });
    fake().setMode("down-503");
    try {
      await postLogs([phiRecord(), phiRecord()]);
      await newWorker().runOnce(); // the destination is down: both stay queued
      expect(await db().traceOutbox.count({ where: { drainId: world.drainId } })).toBe(2);
      expect((await setControls({ redaction: { detectors: ["email"], customPatterns: [] } })).status).toBe(200);
      expect(await db().traceOutbox.count({ where: { drainId: world.drainId } })).toBe(0);
      const audit = await db().auditEvent.findFirstOrThrow({
        where: { targetId: world.drainId, action: "llm_trace_drain.queue_dropped" },
      });
      expect(audit.changedFields).toEqual(["2 queued spans"]);
      // Loosening the settings keeps what is queued.
      await postLogs([phiRecord()]);
      await newWorker().runOnce();
      await setControls({ redaction: { detectors: [], customPatterns: [] } });
      expect(await db().traceOutbox.count({ where: { drainId: world.drainId } })).toBe(1);
    } finally {
      fake().setMode("normal");
      await db().traceOutbox.deleteMany({ where: { drainId: world.drainId } });
    }
    expect(JSON.stringify(fake().spans)).not.toContain("jane.doe@example.com");
  });

  it("refuses a pattern RE2 cannot run, next to its field", async () => {
    const res = await setControls({
      redaction: { detectors: [], customPatterns: [{ name: "bad", pattern: "(a)\\1" }] },
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.fields?.["controls.redaction.customPatterns.0.pattern"]).toMatch(
      /^Backreferences such as \\1 are not supported/,
    );
  });

  it("refuses a pattern too slow to run on every record, next to its field", async () => {
    const res = await setControls({
      redaction: {
        detectors: [],
        customPatterns: [
          { name: "MRN", pattern: "MRN-[0-9]{6}" },
          // Starts with a letter the save-time timing sample lacks: refused by its shape.
          { name: "slow", pattern: "u(?:[a-z]?){1000}[0-9]" },
          { name: "slower", pattern: "x{1000}y{1000}" },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.fields?.["controls.redaction.customPatterns.1.pattern"]).toMatch(/can match nothing/);
    expect(res.json.error?.fields?.["controls.redaction.customPatterns.2.pattern"]).toMatch(/too large/);
    expect(res.json.error?.fields).not.toHaveProperty("controls.redaction.customPatterns.0.pattern");
  });

  it("previews redaction with the code ingest runs", async () => {
    const res = await owner(preview.POST, {
      method: "POST",
      params: { environmentId: world.envA.id },
      json: {
        redaction: { detectors: ["email"], customPatterns: [{ name: "MRN", pattern: "MRN-[0-9]{6}" }] },
        text: PHI,
      },
    });
    expect(res.json.result).toEqual({
      text: "Patient [EMAIL], SSN 123-45-6789, record [MRN], call (415) 555-0132",
      counts: { email: 1, MRN: 1 },
    });
  });

  it("names a preview's refused pattern by its place in the preview's body", async () => {
    const res = await owner(preview.POST, {
      method: "POST",
      params: { environmentId: world.envA.id },
      json: { redaction: { detectors: [], customPatterns: [{ name: "bad", pattern: "(a)\\1" }] }, text: PHI },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.json.error?.fields ?? {})).toEqual(["redaction.customPatterns.0.pattern"]);
  });
});

describe("sampling and filters", () => {
  const healthOf = async () =>
    (await owner(health.GET, { params: params() })).json.health as { sampledOut24h: number; filteredOut24h: number };

  it("at 0% delivers nothing and counts what it left out; failures are kept when asked", async () => {
    const before = await healthOf();
    await setControls({ sampleRate: 0, keepFailures: true });
    await postLogs(records(world.keySecret, ["chat", "chat", "provider_error"]));
    await newWorker().runOnce();
    expect(fake().spans.map((s) => s.attributes["error.type"] !== undefined)).toEqual([true]);
    expect((await healthOf()).sampledOut24h - before.sampledOut24h).toBe(2);
  });

  it("keeps a sampled session whole", async () => {
    await setControls({ sampleRate: 50, keepFailures: false });
    const sessions = Array.from({ length: 12 }, (_, i) => `session-${i}`);
    const sent = sessions.flatMap((s) => records(world.keySecret, ["chat", "chat"], { sessionId: s }));
    await postLogs(sent);
    await newWorker().runOnce();
    const bySession = new Map<string, number>();
    for (const s of fake().spans) {
      const id = String(s.attributes["gen_ai.conversation.id"]);
      bySession.set(id, (bySession.get(id) ?? 0) + 1);
    }
    expect([...bySession.values()].every((n) => n === 2)).toBe(true);
    expect(bySession.size).toBeGreaterThan(0);
    expect(bySession.size).toBeLessThan(sessions.length);
  });

  it("forwards only the chosen LLM keys, and counts the rest as filtered out", async () => {
    const before = await healthOf();
    const otherKey = await db().llmKey.findFirstOrThrow({ where: { environmentId: world.envA.id } });
    await setControls({ filters: { llmKeyIds: ["00000000-0000-4000-8000-000000000000"] } });
    await postLogs(records(world.keySecret, ["chat"]));
    await newWorker().runOnce();
    expect(fake().spans).toEqual([]);
    expect((await healthOf()).filteredOut24h - before.filteredOut24h).toBe(1);
    await setControls({ filters: { llmKeyIds: [otherKey.id] } });
    await postLogs(records(world.keySecret, ["chat"]));
    await newWorker().runOnce();
    expect(fake().spans).toHaveLength(1);
  });

  it("are part of the create request too", async () => {
    const res = await owner(list.POST, {
      params: { environmentId: world.envA.id },
      json: {
        type: "langfuse",
        handle: "controlled",
        baseUrl: fake().url,
        publicKey: fake().publicKey,
        secretKey: fake().secretKey,
        acknowledgeContentForwarding: true,
        controls: { sampleRate: 25, filters: { onlyFailures: true } },
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.drain).toMatchObject({
      controls: { sampleRate: 25, keepFailures: true, filters: { onlyFailures: true } },
    });
  });
});
