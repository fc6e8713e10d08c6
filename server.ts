// The one server entry: validates configuration, opens and migrates the database, seeds
// demo data into an empty one, then serves the Next.js production build. It also writes
// the one structured log line per request. See ARCHITECTURE.md.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { config, ConfigError } from "./lib/config/env";
import { setDatabase } from "./lib/db/database";
import { openDatabase, closeDatabase } from "./lib/db/open";
import { seedDemoData } from "./lib/db/seed";
import { CLIENT_IP_HEADER, requestClientIp } from "./lib/api/client-ip";
import { log, errorFields } from "./lib/log";
import { startDelivery } from "./lib/delivery/start-delivery";
import { SealPool, setSealPool } from "./lib/ingest/seal-pool";
import { StageSealer, setStageSealer } from "./lib/ingest/stage-sealer";
import { setWorkerWakeHook } from "./lib/delivery/wake";
import type { Handler } from "./lib/api/route";
import { answerClientError } from "./lib/http/client-error";
import { InFlight } from "./lib/http/in-flight";
import { API_HEADERS, answerHeaders } from "./lib/http/security-headers";
import { apiMethodTable } from "./lib/http/api-methods";
import { openApiDocument } from "./lib/openapi/document";

function setClientIp(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_IP_HEADER] = requestClientIp(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustProxy);
}

function logRequest(req: IncomingMessage, res: ServerResponse, started: bigint): void {
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  const path = (req.url ?? "/").split("?")[0];
  // Static assets would drown the useful lines.
  if (path?.startsWith("/_next/static/")) return;
  log.info("request", {
    method: req.method,
    route: path,
    status: res.headersSent ? res.statusCode : undefined,
    durationMs: Math.round(durationMs * 10) / 10,
    // The client went away before the answer was sent (a gateway timing out, say).
    aborted: res.writableFinished ? undefined : true,
  });
}

const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const apiMethods = apiMethodTable(openApiDocument().paths as Record<string, Record<string, unknown>>);

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** An answer made here rather than by Next, in the API's error shape. */
function answerJson(res: ServerResponse, status: number, code: string, message: string, allow?: string[]): void {
  for (const { key, value } of API_HEADERS) res.setHeader(key, value);
  res.writeHead(status, { "content-type": "application/json", ...(allow ? { allow: allow.join(", ") } : {}) });
  res.end(JSON.stringify({ error: { code, message } }));
}

const SHUTDOWN_GRACE_MS = 8_000;

async function main(): Promise<void> {
  const cfg = config();
  const database = await openDatabase(cfg.database);
  setDatabase(database);
  log.info("database ready", {
    kind: cfg.database.kind,
    ...(cfg.database.kind === "pglite" ? { dataDir: cfg.database.dataDir } : {}),
  });
  if (cfg.seedDemoData && (await seedDemoData(database.prisma))) log.info("seeded demo data");

  // Delivery runs in this process by default (a worker thread on PostgreSQL), so `npm start`
  // alone forwards traces. The server only runs compiled (dist/server.js, scripts/build-server.mjs:
  // its modules import `server-only`, which the build resolves), so the threads are the
  // compiled dist/delivery-thread.js and dist/ingest-thread.js beside it.
  const delivery = cfg.runWorker
    ? startDelivery(cfg, database, new URL("./delivery-thread.js", import.meta.url))
    : undefined;
  setWorkerWakeHook(delivery?.wake);
  // Ingest threads do the CPU work of ingest (parse, map, encode, compress, encrypt).
  const sealPool =
    cfg.ingestThreads > 0 ? new SealPool(new URL("./ingest-thread.js", import.meta.url), cfg.ingestThreads) : undefined;
  setSealPool(sealPool);
  // Staged ingest: records are sealed after the gateway's batch is answered.
  const stageSealer = cfg.ingestStaging
    ? new StageSealer(database.driver, { concurrency: Math.max(2, cfg.ingestThreads * 2) })
    : undefined;
  stageSealer?.start();
  setStageSealer(stageSealer);

  const app = next({ dev: false, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The gateway's ingest is served without Next's router (lib/api/direct-route.ts says why).
  // It is loaded once Next has set up its runtime, which next/server relies on.
  const { serveDirect } = await import("./lib/api/direct-route");
  const directRoutes = new Map<string, Handler>([
    ["POST /api/internal/ai-gateway/logs", (await import("./app/api/internal/ai-gateway/logs/route")).POST],
  ]);

  const inFlight = new InFlight();
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    // "close" also comes when the client leaves before the answer ("finish" would not).
    res.on("close", () => logRequest(req, res, started));
    // Every answer carries these, including those Next makes before next.config.ts's headers
    // apply (the 308 that drops a trailing slash) and the ones made here.
    for (const { key, value } of answerHeaders(cfg.secureCookies)) res.setHeader(key, value);
    // TRACE and other methods no endpoint implements end here, in the API's error shape.
    const method = req.method ?? "";
    if (!ALLOWED_METHODS.has(method)) {
      answerJson(res, 405, "method_not_allowed", "Method not allowed", [...ALLOWED_METHODS]);
      return;
    }
    // Only a path: an absolute URL here (a request line meant for a proxy) would have Next
    // redirect to whatever host it names.
    const url = req.url ?? "";
    if (!url.startsWith("/")) {
      answerJson(res, 400, "bad_request", "The request target must be a path");
      return;
    }
    const pathname = url.split("?")[0]!;
    // Next answers a path it cannot decode (`%FF`) with a bare 500 and logs nothing.
    if (!decodablePath(pathname)) {
      answerJson(res, 400, "bad_request", "The path is not valid percent-encoded UTF-8");
      return;
    }
    const direct = directRoutes.get(`${method} ${pathname}`);
    // A method an API route does not take: Next's own 405 has no body and no Allow header.
    // (The ingest endpoint, hot, is matched above and skips the table.)
    const allowed = !direct && pathname.startsWith("/api/") ? apiMethods(pathname) : undefined;
    if (allowed && !allowed.includes(method)) {
      answerJson(res, 405, "method_not_allowed", `${method} is not allowed here`, allowed);
      return;
    }
    setClientIp(req, cfg.trustProxy);
    // While shutting down, a kept-alive connection ends after this answer.
    if (inFlight.stopping) res.setHeader("connection", "close");
    const handled = (direct ? serveDirect(direct, req, res) : handle(req, res)).catch((err: unknown) => {
      log.error("request handler failed", errorFields(err));
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
    inFlight.track(Promise.all([handled, new Promise((done) => res.once("close", done))]));
  });
  // A kept-alive connection outlives the idle time of the usual clients (httpx's 5 s, which is
  // LiteLLM's, and load balancers' 60 s): at Node's default of 5 s the server could close a
  // socket just as a gateway started its next POST on it, and a POST is not retried. The
  // header deadline stays above it, as Node asks.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("clientError", answerClientError);
  server.listen(cfg.port, () =>
    log.info("listening", { url: `http://localhost:${cfg.port}`, ingestStaging: cfg.ingestStaging }),
  );

  // Requests in flight finish before the threads and the database stop: an ingest request
  // cut mid-way has stored part of its batch without a 202, and the gateway's resend would
  // forward those spans twice. Orchestrators send SIGKILL 10 s after SIGTERM by default.
  const shutdown = (signal: string) => {
    if (inFlight.stopping) return;
    inFlight.stopping = true;
    log.info("shutting down", { signal, requestsInFlight: inFlight.count });
    // No new connections; idle kept-alive ones close now, busy ones after their answer.
    server.close();
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 1_500).unref();
    void (async () => {
      if (!(await inFlight.settled(SHUTDOWN_GRACE_MS))) {
        log.warn("shutdown: requests still in flight after the grace period are cut", {
          requestsInFlight: inFlight.count,
        });
        server.closeAllConnections();
        // Their handlers end as soon as their bodies fail.
        await inFlight.settled(1_000);
      }
      // Slices being sealed finish first: they need the ingest threads.
      await stageSealer?.stop();
      await Promise.all([delivery?.stop(), sealPool?.stop()]);
      await closeDatabase(database);
    })().finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(err.message + "\n");
  } else {
    log.error("failed to start", errorFields(err));
  }
  process.exit(1);
});
