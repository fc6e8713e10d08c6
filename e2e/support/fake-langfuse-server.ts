// The fake Langfuse as a process for the browser tests (Playwright starts it as a web
// server). It serves https on loopback with the throwaway certificate made by
// playwright.config.ts; on the next port, plain http, a control API for the tests:
// GET /__spans (received spans), POST /__mode?mode=… (normal, unauthorized, …).
import http from "node:http";
import { startFakeLangfuse, type FakeMode } from "../../test/support/fake-langfuse";
import { ensureSelfSignedCert } from "../../test/support/tls";
import { E2E_FAKE_LANGFUSE_PORT, E2E_TLS_DIR } from "./ports";

const tls = ensureSelfSignedCert(E2E_TLS_DIR);
const fake = await startFakeLangfuse({ cert: tls.cert, key: tls.key, port: E2E_FAKE_LANGFUSE_PORT });
http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/__spans") return res.end(JSON.stringify(fake.spans));
    if (url.pathname === "/__mode" && req.method === "POST") {
      fake.setMode((url.searchParams.get("mode") ?? "normal") as FakeMode);
      return res.end("{}");
    }
    res.end('{"ok":true}');
  })
  .listen(E2E_FAKE_LANGFUSE_PORT + 1, "127.0.0.1");
process.stdout.write(`fake Langfuse on ${fake.url}\n`);
