import type { NextConfig } from "next";

// The browser only ever talks to the Next origin; /api/* is forwarded to the Go
// API by src/app/api/[...path]/route.ts, which reads PARVIS_API_URL at run time.
const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
