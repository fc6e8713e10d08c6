// npm run worker — the delivery worker as its own process, for scaling out. It needs
// PostgreSQL (DATABASE_URL): the embedded database belongs to the one server process.
// Any number of these and of app instances can share one database (SKIP LOCKED claims).
import { config, ConfigError } from "../lib/config/env";
import { openDatabase, closeDatabase } from "../lib/db/open";
import { DeliveryWorker, workerOptionsFrom } from "../lib/delivery/worker";
import { log, errorFields } from "../lib/log";

try {
  const cfg = config();
  if (cfg.database.kind !== "postgres") {
    process.stderr.write(
      "npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, `npm start` already runs the worker in the server process.\n",
    );
    process.exit(1);
  }
  const database = await openDatabase(cfg.database);
  const worker = new DeliveryWorker(database, workerOptionsFrom(cfg));
  worker.start();
  const stop = async (signal: string) => {
    log.info("worker shutting down", { signal });
    await worker.stop();
    await closeDatabase(database);
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
} catch (err) {
  if (err instanceof ConfigError) process.stderr.write(err.message + "\n");
  else log.error("worker failed to start", errorFields(err));
  process.exit(1);
}
