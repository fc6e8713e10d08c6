// Entry of the stand-in ingest thread: Node 20's worker threads ignore `--import tsx` in
// execArgv, so the thread registers tsx itself before loading the TypeScript.
import { register } from "tsx/esm/api";

register();
await import("./fake-ingest-thread.ts");
