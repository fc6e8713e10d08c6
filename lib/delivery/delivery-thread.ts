// The delivery worker's own thread (worker_threads), started by server.ts on PostgreSQL: its
// own event loop and database pool, so exports never delay ingest responses and ingest never
// delays exports. It loads no Next.js and no Prisma: raw SQL over one small pool.
import { parentPort } from "node:worker_threads";
import { config } from "../config/env";
import { openPostgresPool, postgresDriver } from "../db/driver";
import { log, errorFields } from "../log";
import { DeliveryWorker, workerOptionsFrom } from "./worker";

export type DeliveryThreadMessage = "wake" | "stop";

const cfg = config();
if (cfg.database.kind !== "postgres") throw new Error("the delivery thread needs PostgreSQL");
const driver = postgresDriver(openPostgresPool(cfg.database.url, 4));
const worker = new DeliveryWorker({ driver }, workerOptionsFrom(cfg));
worker.start();
parentPort?.on("message", (message: DeliveryThreadMessage) => {
  if (message === "wake") worker.wake();
  else if (message === "stop") {
    void worker
      .stop()
      .then(() => driver.close())
      .catch((err: unknown) => log.error("delivery thread stop failed", errorFields(err)))
      .finally(() => parentPort?.close());
  }
});
