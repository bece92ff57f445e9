// Types of security-headers.mjs (plain JavaScript so that next.config.js can import it).
export interface SecurityHeaderOptions {
  production: boolean;
  https: boolean;
}
export interface HeaderEntry {
  key: string;
  value: string;
}
/** The Content-Security-Policy value. @throws never */
export function contentSecurityPolicy(options: { production: boolean }): string;
/** The headers sent with every response. @throws never */
export function securityHeaders(options: SecurityHeaderOptions): HeaderEntry[];
/** The options from an environment (NODE_ENV, NEXTAUTH_URL). @throws never */
export function securityHeaderOptions(env: Record<string, string | undefined>): SecurityHeaderOptions;
/** The CSP override that lets any site frame published pages (/p/...). @throws never */
export function publicPageHeaders(options: { production: boolean }): HeaderEntry[];
