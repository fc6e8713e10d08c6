// Compiles the server entry, the delivery thread and the standalone worker into dist/, so
// production runs one plain `node` process (no npm or tsx wrappers, no compile at start).
// Dependencies stay in node_modules; only this project's code is bundled.
import { build } from "esbuild";

await build({
  entryPoints: {
    server: "server.ts",
    "delivery-thread": "lib/delivery/delivery-thread.ts",
    "ingest-thread": "lib/ingest/ingest-thread.ts",
    worker: "scripts/worker.ts",
  },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
