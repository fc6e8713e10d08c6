// An ingest thread (worker_threads): seals slices of records (seal-slice.ts), checks and packs
// slices to stage and seals staged ones (stage-slice.ts), handed over by the server's event
// loop, which keeps reading bodies and writing to the database meanwhile.
import { parentPort } from "node:worker_threads";
import { config } from "../config/env";
import { sealSlice } from "./seal-slice";
import { sealStaged, stageSlice } from "./stage-slice";
import type { JobKind, ThreadJobs } from "./seal-pool";

const keyring = config().drainKeyring;

type Message = { [K in JobKind]: { id: number; kind: K; job: ThreadJobs[K]["job"] } }[JobKind];

function run(message: Message): { result: ThreadJobs[JobKind]["result"]; transfer: ArrayBuffer[] } {
  switch (message.kind) {
    case "seal": {
      const result = sealSlice(message.job, keyring);
      return { result, transfer: [result.rows.payloads] };
    }
    case "stage": {
      const result = stageSlice(message.job, keyring);
      return { result, transfer: [result.staged] };
    }
    case "sealStaged": {
      const result = sealStaged(message.job, keyring);
      return { result, transfer: [result.rows.payloads] };
    }
  }
}

parentPort?.on("message", (message: Message) => {
  try {
    const { result, transfer } = run(message);
    parentPort?.postMessage({ id: message.id, result }, transfer);
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
