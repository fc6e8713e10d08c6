// An ingest thread (worker_threads): seals slices of records (seal-slice.ts) handed over by
// the server's event loop, which keeps reading bodies and writing to the database meanwhile.
import { parentPort } from "node:worker_threads";
import { config } from "../config/env";
import { sealSlice, type SealJob } from "./seal-slice";

const keyring = config().drainKeyring;

parentPort?.on("message", (message: { id: number; job: SealJob }) => {
  try {
    const result = sealSlice(message.job, keyring);
    parentPort?.postMessage({ id: message.id, result }, [result.rows.payloads]);
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
