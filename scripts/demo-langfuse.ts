// npm run demo:langfuse -- [--port 3443]
// A local stand-in for a Langfuse project, to watch traces flow without one (or without
// internet): it answers Langfuse's project lookup (Test connection) and OTLP endpoint with
// Langfuse's authentication, over HTTPS with a throwaway certificate, and prints each span
// it receives. The dashboard must trust that certificate and be allowed to reach localhost:
// the instructions it prints say how.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startFakeLangfuse } from "../test/support/fake-langfuse";
import { ensureSelfSignedCert } from "../test/support/tls";

const { values } = parseArgs({ options: { port: { type: "string", default: "3443" } } });
const dir = path.resolve(process.env.DATA_DIR ?? "data", "demo-langfuse");

// The certificate is valid for two days: an older one is replaced (then restart the dashboard).
const certFile = path.join(dir, "localhost.crt");
if (fs.existsSync(certFile) && Date.now() - fs.statSync(certFile).mtimeMs > 86_400_000) {
  fs.rmSync(dir, { recursive: true, force: true });
}
const tls = ensureSelfSignedCert(dir);
const fake = await startFakeLangfuse({
  cert: tls.cert,
  key: tls.key,
  port: Number(values.port),
  projectName: "Local demo project",
});

// The restart line keeps the settings this shell gave the dashboard (its data, its port), so
// that, pasted as printed, it restarts the same dashboard.
const kept = ["DATA_DIR", "PORT", "DATABASE_URL"].flatMap((k) => (process.env[k] ? [`${k}=${process.env[k]}`] : []));
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "-");
process.stdout.write(`A local Langfuse stand-in is listening on ${fake.url}

1. Restart the dashboard so it trusts this certificate and may reach localhost:
     ${[...kept, "OUTBOUND_ALLOWED_HOSTS=localhost", `NODE_EXTRA_CA_CERTS=${path.relative(process.cwd(), tls.certPath)}`].join(" ")} npm run serve
   (The certificate is replaced after two days: then run this again and restart the dashboard.)
2. Create an LLM Trace Drain with
     Base URL    ${fake.url}
     Public Key  ${fake.publicKey}
     Secret Key  ${fake.secretKey}
3. Send traffic: npm run gateway:simulate -- --environment acme-production

Spans appear below as they arrive (Ctrl-C stops).
`);

let shown = 0;
setInterval(() => {
  for (const span of fake.spans.slice(shown)) {
    const a = span.attributes;
    process.stdout.write(
      `${[
        new Date().toISOString(),
        span.name,
        `model=${text(a["gen_ai.request.model"])}`,
        `session=${text(a["gen_ai.conversation.id"])}`,
        `tokens=${text(a["gen_ai.usage.input_tokens"])}/${text(a["gen_ai.usage.output_tokens"])}`,
        span.status.code === 2 ? "ERROR" : "ok",
      ].join("  ")}\n`,
    );
  }
  shown = fake.spans.length;
}, 500);
