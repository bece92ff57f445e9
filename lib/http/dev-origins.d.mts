/** 127.0.0.1, ::1, this machine's name and addresses, and NEXTAUTH_URL's host (dev-origins.mjs). */
export function developmentOrigins(env?: Record<string, string | undefined>): string[];
