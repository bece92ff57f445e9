import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { getAuthSecret, SESSION_MAX_AGE_SECONDS } from "./config.ts";
import { createSession } from "./create-session.ts";
import { deviceCookieName } from "./device-cookie.ts";
import { buildOAuthProviders, isProviderEmailVerified } from "./oauth-providers.ts";
import { refreshSession } from "./refresh-session.ts";
import { revokeSession } from "./revoke-session.ts";
import { readCookie } from "./session.ts";
import { rateLimitedErrorCode } from "./sign-in-errors.ts";
import { signInWithOAuth } from "./sign-in-with-oauth.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";

/** The header the Proofmark server sets to the peer address of the connection (never trusted from clients). */
export const CLIENT_IP_HEADER = "x-proofmark-client-ip";

/** Where a sign-in request came from, stored on its Session row. */
export interface SignInRequestInfo {
  ip: string | null;
  userAgent: string | null;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Reads the client address and user agent of a request. */
export function signInRequestInfo(headers: HeaderBag): SignInRequestInfo {
  return { ip: header(headers, CLIENT_IP_HEADER), userAgent: header(headers, "user-agent") };
}

/** Thrown from the jwt callback when the session row has ended; next-auth then clears the cookie. */
class SessionEndedError extends Error {
  constructor() {
    super("Session ended");
    this.name = "SessionEndedError";
  }
}

function isSessionEnded(metadata: unknown): boolean {
  if (metadata instanceof SessionEndedError) return true;
  const inner = (metadata as { error?: unknown } | undefined)?.error;
  return inner instanceof SessionEndedError;
}

/** Maps a failed sign-in to the code the sign-in page understands (never raw internals). */
function toSignInErrorCode(error: unknown): string {
  if (error instanceof AppError) {
    if (error.code === "rate_limited")
      return rateLimitedErrorCode(Number(error.details?.retryAfterSeconds ?? 60));
    if (error.details?.reason === "disabled") return "AccountDisabled";
    if (error.details?.reason === "email_not_verified") return "EmailNotVerified";
    if (error.details?.reason === "credentials") return "CredentialsSignin";
  }
  getLogger().error({ err: error }, "[auth] sign-in failed unexpectedly");
  return "SignInFailed";
}

/**
 * next-auth options. `request` is the sign-in request (the route handler passes it, so the
 * Session row records where the sign-in came from).
 */
export function buildAuthOptions(request: SignInRequestInfo = { ip: null, userAgent: null }): AuthOptions {
  return {
    get secret() {
      return getAuthSecret();
    },
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          try {
            const info = signInRequestInfo(req?.headers as HeaderBag);
            return await signInWithPassword({
              email: String(credentials?.email ?? ""),
              password: String(credentials?.password ?? ""),
              ip: info.ip ?? request.ip ?? "unknown",
              deviceCookie: readCookie(header(req?.headers as HeaderBag, "cookie"), deviceCookieName()),
            });
          } catch (error) {
            const code = toSignInErrorCode(error);
            // null is next-auth's "CredentialsSignin": wrong email or password.
            if (code === "CredentialsSignin") return null;
            throw new Error(code);
          }
        },
      }),
      ...buildOAuthProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.type !== "oauth") return true;
        try {
          const verified = await isProviderEmailVerified(
            account.provider,
            user.email,
            profile as Record<string, unknown> | undefined,
            account.access_token,
          );
          await signInWithOAuth({
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: user.email,
            emailVerified: verified,
            name: user.name,
          });
          return true;
        } catch (error) {
          throw new Error(toSignInErrorCode(error));
        }
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          // Sign-in: resolve our user id (an OAuth user's id is the provider's) and start a session row.
          let signedIn = { id: user.id, name: user.name ?? null, email: user.email ?? null };
          if (account.type === "oauth") {
            const linked = await db.account.findUnique({
              where: {
                provider_providerAccountId: {
                  provider: account.provider,
                  providerAccountId: account.providerAccountId,
                },
              },
              select: { user: { select: { id: true, name: true, email: true } } },
            });
            if (!linked) throw new SessionEndedError();
            signedIn = linked.user;
          }
          const session = await createSession({
            userId: signedIn.id,
            ip: request.ip,
            userAgent: request.userAgent,
          });
          return { sub: signedIn.id, sid: session.id, name: signedIn.name, email: signedIn.email };
        }
        const current = await refreshSession(typeof token.sid === "string" ? token.sid : null);
        if (!current || current.userId !== token.sub) throw new SessionEndedError();
        return { ...token, name: current.name, email: current.email };
      },
      async session({ session, token }) {
        return {
          ...session,
          user: { id: token.sub, name: token.name ?? null, email: token.email ?? null },
        };
      },
    },
    events: {
      async signOut({ token }) {
        await revokeSession(typeof token?.sid === "string" ? token.sid : null);
      },
    },
    logger: {
      error(code, metadata) {
        if (isSessionEnded(metadata)) return;
        getLogger().error({ detail: metadata }, `[next-auth] ${code}`);
      },
      warn(code) {
        if (code === "NEXTAUTH_URL" || code === "DEBUG_ENABLED") return;
        getLogger().warn(`[next-auth] ${code}`);
      },
      debug() {},
    },
  };
}

/** next-auth options for code outside a sign-in request (e.g. getServerSession). */
export const authOptions: AuthOptions = buildAuthOptions();
