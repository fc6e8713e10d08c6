// Compiles the server entry, the delivery thread and the standalone worker into dist/, so
// production runs one plain `node` process (no npm or tsx wrappers, no compile at start).
// Dependencies stay in node_modules; only this project's code is bundled.
import { build } from "esbuild";

// server.ts serves the ingest route handler itself (lib/api/direct-route.ts), so its bundle
// holds code written for Next's server: "server-only" marks it so and would throw outside
// React's server condition (this whole bundle is server code), and "next/server" has no
// exports map, so Node's ESM loader needs its file name.
const nextServerCode = {
  name: "next-server-code",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
    b.onResolve({ filter: /^next\/server$/ }, () => ({ path: "next/server.js", external: true }));
  },
};

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
  plugins: [nextServerCode],
  // server.ts loads the ingest route handler only after Next has started (see there).
  splitting: true,
});
