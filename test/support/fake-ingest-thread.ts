// A stand-in ingest thread for lib/ingest/seal-pool.test.ts: it takes the same role as a real
// one (applyThreadRole), holds the thread as long as the job says (sealing is CPU-bound), and
// answers with where and when the job ran.
import { parentPort, workerData } from "node:worker_threads";
import { applyThreadRole, threadNice } from "../../lib/ingest/thread-priority";

const role = workerData as { background?: boolean } | null;
applyThreadRole(role);

parentPort?.on("message", (message: { id: number; kind: string; job: { holdMs?: number } }) => {
  const until = Date.now() + (message.job.holdMs ?? 0);
  while (Date.now() < until); // busy, as a thread sealing a batch is
  parentPort?.postMessage({
    id: message.id,
    result: { kind: message.kind, background: role?.background === true, nice: threadNice(), doneAt: Date.now() },
  });
});
