import type { NextConfig } from "next";

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
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      {
        // Pages get a nonce-based policy from proxy.ts; API responses are data, never documents.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
