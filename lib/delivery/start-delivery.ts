import { Worker } from "node:worker_threads";
import type { AppConfig } from "../config/env";
import type { Database } from "../db/database";
import { log, errorFields } from "../log";
import { DeliveryWorker, workerOptionsFrom } from "./worker";
import type { DeliveryThreadMessage } from "./delivery-thread";

// Where the server runs delivery. On PostgreSQL: a worker thread with its own event loop
// and pool (delivery-thread.ts), restarted if it dies. On the embedded database, which one
// thread must own, the worker shares the server's event loop. `npm run worker` runs it as a
// process of its own instead (RUN_WORKER=false here).

export type Delivery = { wake: () => void; stop: () => Promise<void> };

export function startDelivery(cfg: AppConfig, database: Database, threadEntry: URL): Delivery {
  if (cfg.database.kind === "pglite") {
    const worker = new DeliveryWorker(database, workerOptionsFrom(cfg));
    worker.start();
    return { wake: () => worker.wake(), stop: () => worker.stop() };
  }
  let thread: Worker | undefined;
  let stopping = false;
  const spawn = () => {
    // Delivery allocates short-lived buffers at a steady pace; a small young generation keeps
    // the thread's memory low while a large backlog drains (peak RSS 259 -> 236 MB draining
    // 1,000,000 spans), for ~10 % less throughput with ingest running (BENCHMARKS.md, item 9).
    thread = new Worker(threadEntry, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    thread.on("error", (err) => log.error("delivery thread failed", errorFields(err)));
    thread.on("exit", (code) => {
      if (stopping) return;
      // Queued spans are safe in the database; a new thread picks them up.
      log.error("delivery thread exited; restarting", { code });
      setTimeout(spawn, 1000).unref();
    });
  };
  spawn();
  const send = (message: DeliveryThreadMessage) => thread?.postMessage(message);
  return {
    wake: () => send("wake"),
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (!thread) return resolve();
        thread.once("exit", () => resolve());
        send("stop");
      }),
  };
}
