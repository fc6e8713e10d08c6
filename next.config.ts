import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers stay outside the bundle: server.ts (plain Node) and the bundled route
  // handlers must share one PGlite instance through globalThis, and native-ish packages
  // bundle poorly.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
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
    ];
  },
};

export default nextConfig;
