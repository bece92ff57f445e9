import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { UserActor } from "./actor.ts";
import { sessionCookieName } from "./config.ts";
import { resolveSessionToken } from "./session.ts";
import { safeCallbackPath } from "./sign-in-errors.ts";

/** A header the Proofmark server may set to the request's path, so sign-in can come back here. */
export const REQUEST_PATH_HEADER = "x-proofmark-path";

/**
 * The signed-in person of the current request (server components, server actions), or null.
 * The session row is checked, so a signed-out or disabled user is null at once.
 * @throws Error when the database fails
 */
export const getCurrentUser = cache(async (): Promise<UserActor | null> => {
  const store = await cookies();
  const name = sessionCookieName();
  let token = store.get(name)?.value;
  if (!token) {
    // next-auth splits large JWTs into name.0, name.1, ...
    const chunks: string[] = [];
    for (let i = 0; store.has(`${name}.${i}`); i++) chunks.push(store.get(`${name}.${i}`)!.value);
    token = chunks.length > 0 ? chunks.join("") : undefined;
  }
  return resolveSessionToken(token);
});

/**
 * The signed-in person, or a redirect to the sign-in page that comes back to `callbackPath`
 * (by default the path the server reported for this request, else the home page).
 * @throws the redirect of next/navigation when nobody is signed in
 */
export async function requireCurrentUser(callbackPath?: string): Promise<UserActor> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = callbackPath ?? (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
  const back = safeCallbackPath(path);
  redirect(back === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(back)}`);
}
