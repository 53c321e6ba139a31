import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The images come from the CMS with their own renditions and sizes; plain <img> keeps them.
  images: { unoptimized: true },
};

export default nextConfig;
