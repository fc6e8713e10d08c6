import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { ensureSelfSignedCert } from "./test/support/tls";
import { E2E_APP_PORT as PORT, E2E_FAKE_LANGFUSE_PORT, E2E_INGEST_TOKEN, E2E_TLS_DIR } from "./e2e/support/ports";

// The fake Langfuse's certificate must exist before the app starts: Node reads
// NODE_EXTRA_CA_CERTS once, at start-up. Made once and reused (workers reload this file).
const tls = ensureSelfSignedCert(E2E_TLS_DIR);

/** Debian's Chromium when present (these machines cannot download browsers), else Playwright's own. */
function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const system = candidates.find((p) => fs.existsSync(p));
  if (system) return system;
  if (fs.existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    "No Chromium found for the browser tests. Install one with `apt-get install -y chromium` (Debian/Ubuntu), " +
      "or `npx playwright install chromium`, or set CHROMIUM_PATH.",
  );
}

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // The production build (npm run test:e2e builds first) on a fresh embedded database with demo data.
  webServer: [
    {
      command: "tsx e2e/support/fake-destinations-server.ts",
      url: `http://127.0.0.1:${E2E_FAKE_LANGFUSE_PORT + 1}/`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "rm -rf .e2e-data && node dist/server.js",
      url: `http://localhost:${PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        NODE_ENV: "production",
        PORT: String(PORT),
        DATA_DIR: ".e2e-data",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_EXTRA_CA_CERTS: tls.certPath,
        // Admits the loopback fake Langfuse past the SSRF guard; nothing else.
        OUTBOUND_ALLOWED_HOSTS: "localhost",
        GATEWAY_INGEST_TOKEN: E2E_INGEST_TOKEN,
      },
    },
  ],
});
