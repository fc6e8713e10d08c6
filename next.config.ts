import type { NextConfig } from "next";
import { API_HEADERS, SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Database drivers stay outside the bundle: server.ts (plain Node) and the bundled route
  // handlers must share one PGlite instance through globalThis, and native-ish packages
  // bundle poorly.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "pino",
    "rate-limiter-flexible",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: API_HEADERS },
      // Public files are outside proxy.ts (no page policy): opened on their own, nothing in them runs.
      { source: "/:file(favicon\\.ico|icon\\.svg|robots\\.txt)", headers: API_HEADERS },
    ];
  },
};

export default nextConfig;
