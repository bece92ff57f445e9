// Helpers to call App Router route handlers directly, as Next would: a Request plus
// `{ params: Promise }`, authenticated with a Bearer token or a real next-auth session cookie.
import { encode } from "next-auth/jwt";
import { sessionCookieName } from "../../lib/auth/config.ts";
import { assertMatchesContract } from "./api-contract.ts";

export const TEST_AUTH_SECRET = "test-secret-for-integration-tests-only-0123456789";
process.env.NEXTAUTH_SECRET ??= TEST_AUTH_SECRET;

export type RouteHandler = (
  req: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/** How a request authenticates: a bearer secret, a session cookie value, or nothing. */
export type TestAuth = { bearer: string } | { cookie: string } | null;

/** Encodes a next-auth JWT for a Session row and returns the Cookie header that carries it. */
export async function sessionCookie(user: { id: string; actor: { sessionId: string } }): Promise<string> {
  const token = await encode({
    token: { sub: user.id, sid: user.actor.sessionId },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `${sessionCookieName()}=${token}`;
}

/** Authenticates as a user, with a session cookie for their live Session row. */
export async function asUser(user: { id: string; actor: { sessionId: string } }): Promise<TestAuth> {
  return { cookie: await sessionCookie(user) };
}

/**
 * Session cookies made once per user, for files that authenticate as many users many times:
 * `add` the users in beforeAll, then `as(user)` in the tests.
 */
export class SessionCookies {
  private readonly cookies = new Map<string, string>();

  async add(users: Iterable<{ id: string; actor: { sessionId: string } }>): Promise<void> {
    for (const user of users)
      if (!this.cookies.has(user.id)) this.cookies.set(user.id, await sessionCookie(user));
  }

  /** The Cookie header of a user given to add(). */
  cookie(user: { id: string }): string {
    const cookie = this.cookies.get(user.id);
    if (!cookie) throw new Error(`no session cookie made for user ${user.id}`);
    return cookie;
  }

  as(user: { id: string }): TestAuth {
    return { cookie: this.cookie(user) };
  }
}

export interface CallOptions {
  method?: string;
  auth?: TestAuth;
  params?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Calls a route handler with a Request to `http://localhost<path>`, and checks the response
 * against the OpenAPI document (tests/support/api-contract.ts).
 */
export async function callRoute(
  handler: RouteHandler,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const headers = new Headers({ host: "localhost", ...(options.headers ?? {}) });
  if (options.auth && "bearer" in options.auth) headers.set("authorization", `Bearer ${options.auth.bearer}`);
  if (options.auth && "cookie" in options.auth) headers.set("cookie", options.auth.cookie);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  await assertMatchesContract(request, response);
  return response;
}

/** Calls a route and parses its JSON body (null for an empty body). */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests' assertions
export async function callJson<T = any>(
  handler: RouteHandler,
  path: string,
  options: CallOptions = {},
): Promise<{ status: number; body: T; response: Response }> {
  const response = await callRoute(handler, path, options);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, response };
}
