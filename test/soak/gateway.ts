import http from "node:http";
import { buildRecord, RECORD_KINDS } from "../../lib/simulator/records";
import { seededRandom } from "../../lib/simulator/prose";
import { spanIdentity } from "../../lib/tracing/span-ids";
import type { GatewayRecord } from "../../lib/tracing/gateway-record";

// The soak's AI Gateway: posts batches of real-shaped records at a steady rate to the
// servers in turn, and does what a gateway should when the answer is not 202: sends the same
// batch again after a backoff, to the other server. It remembers the span id of every record
// a server acknowledged, so the harness can check that each one reached the destination.

export type GatewayStats = {
  batches: number;
  acknowledged: Set<string>;
  /** Records never acknowledged when the run ended (still being retried). */
  unacknowledged: number;
  answers: Record<string, number>;
  /** The slowest non-202 answer: a database outage must be answered quickly, not hang. */
  slowestRefusalMs: number;
  skipped: number;
};

export function startGateway(options: {
  urls: string[];
  token: string;
  keySecret: string;
  recordsPerSecond: number;
  perBatch: number;
  paddingBytes: number;
}) {
  const random = seededRandom(7);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const stats: GatewayStats = {
    batches: 0,
    acknowledged: new Set(),
    unacknowledged: 0,
    answers: {},
    slowestRefusalMs: 0,
    skipped: 0,
  };
  const pending = new Set<Promise<void>>();
  let stopping = false;

  const post = (url: string, body: string): Promise<{ status: number; text: string; ms: number }> =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(
        url,
        {
          method: "POST",
          agent,
          timeout: 30_000,
          headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
              ms: performance.now() - started,
            }),
          );
          res.on("error", () => resolve({ status: 0, text: "", ms: performance.now() - started }));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (err) => resolve({ status: 0, text: err.message, ms: performance.now() - started }));
      req.end(body);
    });

  const sendBatch = async (sequence: number) => {
    const records = Array.from({ length: options.perBatch }, (_, i) => {
      const kind = RECORD_KINDS[(sequence * options.perBatch + i) % RECORD_KINDS.length]!;
      return buildRecord({
        kind,
        keySecret: options.keySecret,
        sessionId: i % 3 === 0 ? undefined : `soak-session-${i % 20}`,
        padding: options.paddingBytes,
        random,
      });
    });
    const spanIds = records.map((r) => spanIdentity(r as GatewayRecord, () => JSON.stringify(r)).spanId);
    const body = JSON.stringify(records);
    for (let attempt = 0; ; attempt++) {
      const { status, text, ms } = await post(options.urls[(sequence + attempt) % options.urls.length]!, body);
      stats.answers[status] = (stats.answers[status] ?? 0) + 1;
      if (status === 202) {
        const result = JSON.parse(text) as { skipped: { index: number }[] };
        const skipped = new Set(result.skipped.map((s) => s.index));
        stats.skipped += skipped.size;
        spanIds.forEach((id, i) => {
          if (!skipped.has(i)) stats.acknowledged.add(id);
        });
        return;
      }
      stats.slowestRefusalMs = Math.max(stats.slowestRefusalMs, Math.round(ms));
      if (stopping) {
        stats.unacknowledged += records.length;
        return;
      }
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 5000)));
    }
  };

  const interval = (options.perBatch / options.recordsPerSecond) * 1000;
  const started = performance.now();
  let sequence = 0;
  const timer = setInterval(() => {
    while (!stopping && started + sequence * interval <= performance.now()) {
      const task = sendBatch(sequence++).finally(() => pending.delete(task));
      pending.add(task);
      stats.batches++;
    }
  }, 20);

  return {
    stats,
    /** Stops sending new batches and lets the ones in flight finish their retries for `graceMs`. */
    async stop(graceMs: number): Promise<GatewayStats> {
      clearInterval(timer);
      await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, graceMs))]);
      stopping = true;
      await Promise.all(pending);
      agent.destroy();
      return stats;
    },
  };
}
