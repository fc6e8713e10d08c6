// The fake destinations as a process for the browser tests (Playwright starts it as a web
// server): a Langfuse project and an OTLP/HTTP receiver, both https on loopback with the
// throwaway certificate made by playwright.config.ts. On the Langfuse port + 1, plain http,
// a control API for the tests: GET /__spans, POST /__mode?mode=… for Langfuse, and
// GET /__otlp/spans, POST /__otlp/mode?mode=… for the OTLP receiver.
import http from "node:http";
import { startFakeLangfuse, type FakeMode } from "../../test/support/fake-langfuse";
import { startFakeOtlp, type FakeOtlpMode } from "../../test/support/fake-otlp";
import { ensureSelfSignedCert } from "../../test/support/tls";
import { E2E_FAKE_LANGFUSE_PORT, E2E_FAKE_OTLP_PORT, E2E_TLS_DIR } from "./ports";

const tls = ensureSelfSignedCert(E2E_TLS_DIR);
const langfuse = await startFakeLangfuse({ cert: tls.cert, key: tls.key, port: E2E_FAKE_LANGFUSE_PORT });
const otlp = await startFakeOtlp({ cert: tls.cert, key: tls.key, port: E2E_FAKE_OTLP_PORT });
http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const mode = url.searchParams.get("mode") ?? "normal";
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/__spans") return res.end(JSON.stringify(langfuse.spans));
    if (url.pathname === "/__otlp/spans") return res.end(JSON.stringify(otlp.spans));
    if (url.pathname === "/__mode" && req.method === "POST") {
      langfuse.setMode(mode as FakeMode);
      return res.end("{}");
    }
    if (url.pathname === "/__otlp/mode" && req.method === "POST") {
      otlp.setMode(mode as FakeOtlpMode);
      return res.end("{}");
    }
    res.end('{"ok":true}');
  })
  .listen(E2E_FAKE_LANGFUSE_PORT + 1, "127.0.0.1");
process.stdout.write(`fake Langfuse on ${langfuse.url}, fake OTLP receiver on ${otlp.tracesUrl}\n`);
