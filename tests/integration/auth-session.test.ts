import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { buildAuthOptions } from "../../lib/auth/options.ts";
import { revokeSession } from "../../lib/auth/revoke-session.ts";
import { resolveSessionToken } from "../../lib/auth/session.ts";
import { signInWithOAuth } from "../../lib/auth/sign-in-with-oauth.ts";
import { db } from "../../lib/db.ts";
import { disableUser } from "../../lib/users/disable-user.ts";
import { TEST_AUTH_SECRET } from "../support/api.ts";
import { createUser } from "../support/factories.ts";

process.env.NEXTAUTH_SECRET ??= TEST_AUTH_SECRET;

async function tokenFor(claims: Record<string, unknown>): Promise<string> {
  return encode({ token: claims, secret: process.env.NEXTAUTH_SECRET! });
}

type JwtCallback = NonNullable<NonNullable<ReturnType<typeof buildAuthOptions>["callbacks"]>["jwt"]>;
type SessionCallback = NonNullable<NonNullable<ReturnType<typeof buildAuthOptions>["callbacks"]>["session"]>;

function callbacks(ip = "203.0.113.9") {
  const options = buildAuthOptions({ ip, userAgent: "TestBrowser/1.0" });
  return {
    jwt: options.callbacks!.jwt! as JwtCallback,
    session: options.callbacks!.session! as SessionCallback,
    signOut: options.events!.signOut!,
  };
}

async function signInThroughCallbacks(user: { id: string; name: string; email: string }) {
  const { jwt } = callbacks();
  return jwt({
    token: { sub: user.id, name: user.name, email: user.email },
    user: { id: user.id, name: user.name, email: user.email },
    account: { type: "credentials", provider: "credentials", providerAccountId: user.id },
    trigger: "signIn",
  });
}

describe("resolveSessionToken", () => {
  it("resolves a token whose session row is live", async () => {
    const user = await createUser();
    const actor = await resolveSessionToken(await tokenFor({ sub: user.id, sid: user.actor.sessionId }));
    expect(actor).toEqual(user.actor);
  });

  it("returns null once the session row is revoked", async () => {
    const user = await createUser();
    const token = await tokenFor({ sub: user.id, sid: user.actor.sessionId });
    await revokeSession(user.actor.sessionId);
    expect(await resolveSessionToken(token)).toBeNull();
  });

  it("returns null once the user is disabled, and disabling revokes every session", async () => {
    const user = await createUser();
    const token = await tokenFor({ sub: user.id, sid: user.actor.sessionId });
    const result = await disableUser({ userId: user.id });
    expect(result.revokedSessions).toBe(1);
    expect(await resolveSessionToken(token)).toBeNull();
    const row = await db.session.findUniqueOrThrow({ where: { id: user.actor.sessionId } });
    expect(row.revokedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "user.disable", entityId: user.id } })).toBe(1);
  });

  it("returns null for a token without a session id, a forged one, or an expired row", async () => {
    const user = await createUser();
    expect(await resolveSessionToken(await tokenFor({ sub: user.id }))).toBeNull();
    const forged = await encode({
      token: { sub: user.id, sid: user.actor.sessionId },
      secret: "another secret",
    });
    expect(await resolveSessionToken(forged)).toBeNull();
    await db.session.update({
      where: { id: user.actor.sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await resolveSessionToken(await tokenFor({ sub: user.id, sid: user.actor.sessionId }))).toBeNull();
  });
});

describe("next-auth callbacks", () => {
  it("creates a session row on sign-in, recording address and browser, and puts its id in the token", async () => {
    const user = await createUser();
    const token = await signInThroughCallbacks(user);
    expect(token.sub).toBe(user.id);
    const row = await db.session.findUniqueOrThrow({ where: { id: String(token.sid) } });
    expect(row).toMatchObject({
      userId: user.id,
      ip: "203.0.113.9",
      userAgent: "TestBrowser/1.0",
      revokedAt: null,
    });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const actor = await resolveSessionToken(await tokenFor(token));
    expect(actor?.sessionId).toBe(row.id);
  });

  it("keeps a live session and ends a revoked one on the session endpoint", async () => {
    const user = await createUser();
    const token = await signInThroughCallbacks(user);
    const { jwt, session, signOut } = callbacks();
    const refreshed = await jwt({ token, trigger: "update" } as Parameters<JwtCallback>[0]);
    const body = await session({
      session: { user: {}, expires: new Date(Date.now() + 1000).toISOString() },
      token: refreshed,
    } as Parameters<SessionCallback>[0]);
    expect(body.user).toMatchObject({ id: user.id, email: user.email });

    await signOut({ token } as Parameters<typeof signOut>[0]);
    expect(
      (await db.session.findUniqueOrThrow({ where: { id: String(token.sid) } })).revokedAt,
    ).not.toBeNull();
    await expect(jwt({ token } as Parameters<JwtCallback>[0])).rejects.toThrow("Session ended");
  });

  it("ends the session of a user disabled after signing in", async () => {
    const user = await createUser();
    const token = await signInThroughCallbacks(user);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await expect(callbacks().jwt({ token } as Parameters<JwtCallback>[0])).rejects.toThrow("Session ended");
  });

  it("starts the session of an OAuth sign-in for our user, not the provider's id", async () => {
    const user = await createUser();
    await signInWithOAuth({
      provider: "oidc",
      providerAccountId: "sub-42",
      email: user.email,
      emailVerified: true,
      name: "Name at the provider",
    });
    const token = await callbacks().jwt({
      token: { sub: "sub-42" },
      user: { id: "sub-42", name: "Name at the provider", email: user.email },
      account: { type: "oauth", provider: "oidc", providerAccountId: "sub-42" },
      trigger: "signIn",
    } as Parameters<JwtCallback>[0]);
    expect(token).toMatchObject({ sub: user.id, name: user.name, email: user.email });
    expect((await resolveSessionToken(await tokenFor(token)))?.userId).toBe(user.id);
  });
});
