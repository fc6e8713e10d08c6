// The fake Langfuse as a process for the browser tests (Playwright starts it as a web
// server). It serves https on loopback with the throwaway certificate made by
// playwright.config.ts, and plain-http /__health on the next port for readiness.
import http from "node:http";
import { startFakeLangfuse } from "../../test/support/fake-langfuse";
import { ensureSelfSignedCert } from "../../test/support/tls";
import { E2E_FAKE_LANGFUSE_PORT, E2E_TLS_DIR } from "./ports";

const tls = ensureSelfSignedCert(E2E_TLS_DIR);
const fake = await startFakeLangfuse({ cert: tls.cert, key: tls.key, port: E2E_FAKE_LANGFUSE_PORT });
http.createServer((_req, res) => res.end("ok")).listen(E2E_FAKE_LANGFUSE_PORT + 1, "127.0.0.1");
process.stdout.write(`fake Langfuse on ${fake.url}\n`);
