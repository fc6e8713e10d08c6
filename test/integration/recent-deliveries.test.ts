import { beforeAll, describe, expect, it } from "vitest";
import { db, database } from "@/lib/db/database";
import * as deliveries from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/deliveries/route";
import * as deadLetter from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/dead-letters/[deadLetterId]/route";
import * as retryOne from "@/app/api/environments/[environmentId]/llm-trace-drains/[drainId]/dead-letters/[deadLetterId]/retry/route";
import { ATTEMPTS_KEPT, recordAttempt } from "@/lib/delivery/outbox-store";
import type { DrainDeliveries } from "@/lib/validation/drain-health";
import { call } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, makeDue, newWorker, postLogs, records } from "./forwarding-fixtures";

// "Recent deliveries": every export attempt is listed (bounded), and a dead letter is shown
// by request id and model, never content, and can be retried or discarded on its own.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;
const params = () => ({ environmentId: world.envA.id, drainId: world.drainId });
const list = async () =>
  (await call(deliveries.GET, { params: params(), token: world.tokens.owner })).json.deliveries as DrainDeliveries;

beforeAll(async () => {
  world = await createForwardingWorld(fake());
});

describe("recent deliveries", () => {
  it("lists each export attempt with its outcome, status, span count and duration", async () => {
    await postLogs(records(world.keySecret, ["chat", "embedding"]));
    await newWorker().runOnce();
    expect((await list()).attempts[0]).toMatchObject({
      outcome: "delivered",
      httpStatus: 200,
      spanCount: 2,
      durationMs: expect.any(Number),
      message: null,
    });
  });

  it("shows a span the destination rejects as a dead letter by request id and model, not content", async () => {
    const [sent] = records(world.keySecret, ["chat"]);
    await postLogs([sent]);
    const row = await db().traceOutbox.findFirstOrThrow({ where: { drainId: world.drainId, deadAt: null } });
    fake().rejectSpanIds.add(row.spanId);
    try {
      await newWorker().runOnce();
    } finally {
      fake().rejectSpanIds.clear();
    }
    const result = await list();
    expect(result.attempts[0]).toMatchObject({ outcome: "rejected", httpStatus: 400, spanCount: 1 });
    expect(result.deadLetters).toEqual([
      expect.objectContaining({
        requestId: sent!.id,
        model: "gpt-4o",
        reason: expect.stringMatching(/Langfuse rejected the span \(HTTP 400\)/),
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain("patient");

    const id = result.deadLetters[0]!.id;
    const member = await call(retryOne.POST, {
      method: "POST",
      params: { ...params(), deadLetterId: id },
      token: world.tokens.member,
    });
    expect(member.status).toBe(403);
    const retried = await call(retryOne.POST, {
      method: "POST",
      params: { ...params(), deadLetterId: id },
      token: world.tokens.owner,
    });
    expect(retried.json.result).toEqual({ requeued: 1 });
    await makeDue(world.drainId);
    await newWorker().runOnce();
    expect((await list()).deadLetters).toEqual([]);
  });

  it("discards one dead letter, and answers 404 for one that is not there", async () => {
    await postLogs(records(world.keySecret, ["chat", "chat"]));
    await db().traceOutbox.updateMany({
      where: { drainId: world.drainId, deadAt: null },
      data: { deadAt: new Date() },
    });
    const [first, second] = (await list()).deadLetters;
    const gone = await call(deadLetter.DELETE, {
      method: "DELETE",
      params: { ...params(), deadLetterId: first!.id },
      token: world.tokens.owner,
    });
    expect(gone.status).toBe(204);
    expect((await list()).deadLetters.map((d) => d.id)).toEqual([second!.id]);
    const again = await call(deadLetter.DELETE, {
      method: "DELETE",
      params: { ...params(), deadLetterId: first!.id },
      token: world.tokens.owner,
    });
    expect(again.status).toBe(404);
  });

  it(`keeps the newest ${ATTEMPTS_KEPT} attempts per drain`, async () => {
    for (let i = 0; i < ATTEMPTS_KEPT + 5; i++) {
      await recordAttempt(database().driver, world.drainId, {
        outcome: "retrying",
        httpStatus: 503,
        spanCount: 1,
        durationMs: i,
        message: `attempt ${i}`,
      });
    }
    const attempts = await db().drainDeliveryAttempt.findMany({
      where: { drainId: world.drainId },
      orderBy: { id: "desc" },
    });
    expect(attempts).toHaveLength(ATTEMPTS_KEPT);
    expect(attempts[0]!.message).toBe(`attempt ${ATTEMPTS_KEPT + 4}`);
  });
});
