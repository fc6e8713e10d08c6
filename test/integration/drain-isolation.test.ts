import { beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import { exportSpanMembers, type ExportOutcome } from "@/lib/delivery/otlp-export";
import { call } from "./fixtures";
import { withFakeLangfuse } from "./drain-fixtures";
import { createForwardingWorld, newWorker, postLogs, records } from "./forwarding-fixtures";

// Drains share a worker, not its waiting: a destination that takes long to answer (one
// customer's slow or hanging endpoint) must not hold up another drain's deliveries.

const fake = withFakeLangfuse();
let world: Awaited<ReturnType<typeof createForwardingWorld>>;
const SLOW_MS = 6000;

beforeAll(async () => {
  world = await createForwardingWorld(fake());
  const slow = await call(list.POST, {
    params: { environmentId: world.envA.id },
    token: world.tokens.owner,
    json: {
      type: "langfuse",
      handle: "slow",
      baseUrl: `${fake().url}/slow`,
      publicKey: fake().publicKey,
      secretKey: fake().secretKey,
      acknowledgeContentForwarding: true,
    },
  });
  expect(slow.status, slow.text).toBe(201);
});

describe("a slow destination", () => {
  it("delays its own drain only: another drain's new spans go out meanwhile", async () => {
    let slowStarted = 0;
    const worker = newWorker({
      idleMs: 100,
      exporter: async (target, batch): Promise<ExportOutcome> => {
        if (!target.url.includes("/slow/")) return exportSpanMembers(target, batch);
        slowStarted++;
        await new Promise((r) => setTimeout(r, SLOW_MS));
        return { kind: "delivered", status: 200 };
      },
    });
    worker.start();
    try {
      const arrived = async (n: number) => {
        const deadline = Date.now() + 3000;
        while (fake().spans.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        return fake().spans.length;
      };
      expect((await postLogs(records(world.keySecret, ["chat"]))).status).toBe(202);
      worker.wake();
      expect(await arrived(1)).toBe(1);
      expect(slowStarted).toBe(1);

      // The slow drain's export is still hanging; this record reaches the fast drain anyway.
      const started = Date.now();
      expect((await postLogs(records(world.keySecret, ["embedding"]))).status).toBe(202);
      worker.wake();
      expect(await arrived(2)).toBe(2);
      expect(Date.now() - started).toBeLessThan(SLOW_MS / 2);
    } finally {
      await worker.stop();
    }
  }, 20_000);
});
