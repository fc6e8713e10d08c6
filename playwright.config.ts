import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import { chromium } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/** Debian's Chromium when present (these machines cannot download browsers), else Playwright's own. */
function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
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
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  // The production build (npm run test:e2e builds first) on a fresh embedded database with demo data.
  webServer: {
    command: "rm -rf .e2e-data && tsx server.ts",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: { NODE_ENV: "production", PORT: String(PORT), DATA_DIR: ".e2e-data", NEXT_TELEMETRY_DISABLED: "1" },
  },
});
