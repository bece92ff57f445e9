// @ts-check
// The security headers of every response (applied in next.config.js for "/:path*"). Plain
// JavaScript on purpose: next.config.js is loaded by Node without a TypeScript loader (only a
// next.config.ts is transpiled by Next), so it cannot import a .ts module. Types for TypeScript
// callers live in security-headers.d.mts. See docs/SECURITY.md ("Headers and CSP").
//
// Next bakes the result into the build (routes-manifest.json) at `next build` time, so the
// options are read from the environment of the build, not of `npm start`.

/**
 * The Content-Security-Policy directives, in order.
 * - script-src 'unsafe-inline': Next's App Router streams its bootstrap/flight data as inline
 *   <script> tags; without per-request nonces (which would force every page to render
 *   dynamically) they need it. 'unsafe-eval' only outside production (React refresh / HMR).
 * - style-src 'unsafe-inline': Tiptap/ProseMirror, the collaboration carets and recharts set
 *   style attributes.
 * - connect-src 'self': fetch/XHR and the /collab websocket on the same host (CSP Level 3:
 *   'self' matches ws:/wss: of the same host and port; verified in Chromium by
 *   tests/e2e/security-headers.test.ts).
 * @param {{ production: boolean }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ production }) {
  const directives = [
    ["default-src", "'self'"],
    ["script-src", "'self'", "'unsafe-inline'", ...(production ? [] : ["'unsafe-eval'"])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["media-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["frame-src", "'none'"],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/**
 * The headers sent with every response. HSTS only when the public URL is https (browsers ignore
 * it over http anyway, but a plain-http install should not be told to pin https).
 * @param {{ production: boolean, https: boolean }} options
 * @returns {{ key: string, value: string }[]}
 * @throws never
 */
export function securityHeaders({ production, https }) {
  const headers = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ production }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  ];
  if (https) headers.push({ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" });
  return headers;
}

/**
 * The override for published pages (`/p/...`): the same CSP except that any site may frame them
 * (`frame-ancestors *`, the embed snippet). Browsers ignore X-Frame-Options when the CSP has
 * frame-ancestors, so the DENY of every other response does not block the embed.
 * @param {{ production: boolean }} options
 * @returns {{ key: string, value: string }[]}
 * @throws never
 */
export function publicPageHeaders({ production }) {
  const csp = contentSecurityPolicy({ production }).replace("frame-ancestors 'none'", "frame-ancestors *");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "ALLOWALL" },
  ];
}

/**
 * The options from an environment: production unless NODE_ENV says otherwise, https when
 * NEXTAUTH_URL is an https URL.
 * @param {Record<string, string | undefined>} env
 * @returns {{ production: boolean, https: boolean }}
 * @throws never
 */
export function securityHeaderOptions(env) {
  return {
    production: env.NODE_ENV === "production",
    https: (env.NEXTAUTH_URL ?? "").trim().toLowerCase().startsWith("https://"),
  };
}
