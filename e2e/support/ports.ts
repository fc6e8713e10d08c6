import path from "node:path";

export const E2E_APP_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_FAKE_LANGFUSE_PORT = Number(process.env.E2E_FAKE_LANGFUSE_PORT ?? 3443);
export const E2E_FAKE_LANGFUSE_URL = `https://localhost:${E2E_FAKE_LANGFUSE_PORT}`;
export const E2E_FAKE_OTLP_PORT = Number(process.env.E2E_FAKE_OTLP_PORT ?? 3445);
export const E2E_FAKE_OTLP_URL = `https://localhost:${E2E_FAKE_OTLP_PORT}`;
/** The fake OTLP receiver's required header (its defaults). */
export const FAKE_OTLP_HEADER = { name: "x-api-key", value: "otlp-fake-secret-0001" };
export const E2E_TLS_DIR = path.join(process.cwd(), ".e2e-tls");

/** The fake's project keys (its defaults). */
export const FAKE_PUBLIC_KEY = "pk-lf-fake-project-0001";
export const FAKE_SECRET_KEY = "sk-lf-fake-project-secret-0001";
export const E2E_FAKE_CONTROL_URL = `http://127.0.0.1:${E2E_FAKE_LANGFUSE_PORT + 1}`;
export const E2E_INGEST_TOKEN = "e2e-gateway-ingest-token-0000000000000";
