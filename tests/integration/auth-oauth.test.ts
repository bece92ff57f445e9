import { describe, expect, it } from "vitest";
import { signInWithOAuth } from "../../lib/auth/sign-in-with-oauth.ts";
import { db } from "../../lib/db.ts";
import { AppError } from "../../lib/errors.ts";
import { createUser } from "../support/factories.ts";

describe("signInWithOAuth", () => {
  it("links an identity to the user with the same verified email, then finds it by the link", async () => {
    const user = await createUser();
    const identity = {
      provider: "github",
      providerAccountId: "gh-1",
      email: user.email.toUpperCase(),
      emailVerified: true,
      name: "GH name",
    };
    await expect(signInWithOAuth(identity)).resolves.toMatchObject({ id: user.id });
    expect(await db.account.count({ where: { userId: user.id, provider: "github" } })).toBe(1);
    // Later sign-ins go by the link, even if the provider's email changed.
    await expect(signInWithOAuth({ ...identity, email: "changed@example.test" })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("never links by an unverified email", async () => {
    const user = await createUser();
    const error = await signInWithOAuth({
      provider: "oidc",
      providerAccountId: "sub-2",
      email: user.email,
      emailVerified: false,
      name: "Impostor",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.reason).toBe("email_not_verified");
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
  });

  it("creates a user without a password for a new verified email", async () => {
    const result = await signInWithOAuth({
      provider: "google",
      providerAccountId: "g-3",
      email: "fresh@example.test",
      emailVerified: true,
      name: "Fresh Person",
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({ email: "fresh@example.test", name: "Fresh Person", passwordHash: null });
  });

  it("refuses a disabled user", async () => {
    const user = await createUser({ disabled: true });
    const error = await signInWithOAuth({
      provider: "google",
      providerAccountId: "g-4",
      email: user.email,
      emailVerified: true,
      name: null,
    }).catch((e: unknown) => e);
    expect((error as AppError).details?.reason).toBe("disabled");
  });
});
