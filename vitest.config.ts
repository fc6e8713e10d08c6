import { defineConfig } from "vitest/config";
import path from "node:path";

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; in tests it guards nothing.
      "server-only": path.join(root, "test/support/empty-module.ts"),
    },
  },
};
const env = {
  SESSION_SECRET: "test-session-secret-0123456789abcdef0123456789",
  // A fixed test key (32 bytes of base64); never used outside tests.
  GATEWAY_INGEST_TOKEN: "test-gateway-ingest-token-0123456789",
  DRAIN_ENCRYPTION_KEYS: "vtest:dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktMDAwMDE=",
  NODE_ENV: "test" as const,
};

const integration = (name: string, database: "pglite" | "postgres") => ({
  ...shared,
  test: {
    name,
    include: ["test/integration/**/*.test.ts"],
    setupFiles: ["test/integration/setup.ts"],
    globalSetup: ["test/integration/global-setup.ts"],
    env: { ...env, TEST_DB_KIND: database, OUTBOUND_ALLOWED_HOSTS: "localhost", INGEST_MAX_BYTES: String(48 << 20) },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: "unit", include: ["lib/**/*.test.ts"], env } },
      integration("integration-pglite", "pglite"),
      // Real PostgreSQL whenever a URL is given (CI gives one); skipped otherwise.
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", "postgres")] : []),
    ],
  },
});
