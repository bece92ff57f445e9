/** The secret that signs session JWTs (NEXTAUTH_SECRET; the start script provides one in development). */
export function getAuthSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return secret;
}

/** Whether cookies are marked Secure (and so carry the __Secure- prefix): when the public URL is https. */
export function usesSecureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

/** The name of next-auth's session cookie. */
export function sessionCookieName(): string {
  return `${usesSecureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

/** How long a session lives without activity before the user must sign in again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
