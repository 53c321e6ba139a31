import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // The CMS's paths end in a slash (`/communities/huacao-town/`) and its mails link to
  // `/<locale>/registrations/cancel?token=` without one: serve both as they are. No redirect,
  // which would also break the webhook POST to /api/revalidate (redirects are not followed).
  skipTrailingSlashRedirect: true,
  // The images come from the CMS with their own renditions and sizes; plain <img> keeps them.
  images: { unoptimized: true },
};

export default nextConfig;
