import type { NextConfig } from "next";

// A baseline for bench/dashboard/measure.ts: Next's defaults, nothing else. `next`, `react`
// and `react-dom` resolve from the repository's node_modules (Node walks up from here).
const nextConfig: NextConfig = {
  poweredByHeader: false,
};

export default nextConfig;
