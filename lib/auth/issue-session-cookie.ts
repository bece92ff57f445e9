import { encode } from "next-auth/jwt";
import { getAuthSecret, SESSION_MAX_AGE_SECONDS, sessionCookieName, usesSecureCookies } from "./config.ts";
import { buildAuthOptions, type SignInRequestInfo } from "./options.ts";
import type { SignedInUser } from "./sign-in-with-password.ts";

/** A cookie to set on the response: name, value and attributes. */
export interface CookieToSet {
  name: string;
  value: string;
  options: {
    httpOnly: boolean;
    sameSite: "lax" | "strict";
    path: string;
    secure: boolean;
    expires: Date;
  };
}

/**
 * The next-auth session cookie for a user who just signed in with a password outside next-auth's
 * own route (the sign-in and registration server actions, which work as plain HTML forms). The
 * token goes through the same jwt callback as next-auth's credentials callback, so it starts a
 * Session row and reads back exactly like one next-auth issued.
 * @throws Error when the database write of the session row fails
 */
export async function issueSessionCookie(
  user: SignedInUser,
  request: SignInRequestInfo,
  now: Date = new Date(),
): Promise<CookieToSet> {
  const options = buildAuthOptions(request);
  const token = await options.callbacks!.jwt!({
    token: { name: user.name, email: user.email, sub: user.id },
    user: { id: user.id, name: user.name, email: user.email },
    account: { type: "credentials", provider: "credentials", providerAccountId: user.id },
    trigger: "signIn",
  } as Parameters<NonNullable<NonNullable<typeof options.callbacks>["jwt"]>>[0]);
  const value = await encode({ token, secret: getAuthSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  return {
    name: sessionCookieName(),
    value,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: usesSecureCookies(),
      expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  };
}
