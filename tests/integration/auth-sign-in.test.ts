import { describe, expect, it } from "vitest";
import { registerUser } from "../../lib/auth/register-user.ts";
import { signInWithPassword } from "../../lib/auth/sign-in-with-password.ts";
import { db } from "../../lib/db.ts";
import { AppError } from "../../lib/errors.ts";
import { createUser } from "../support/factories.ts";

let addressCounter = 0;
// Each test signs in from addresses of its own, so limits from one test never leak into another.
function freshAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function addFailures(rows: Array<{ email: string; ip: string; minutesAgo?: number }>): Promise<void> {
  await db.loginAttempt.createMany({
    data: rows.map((row) => ({
      email: row.email,
      ip: row.ip,
      success: false,
      createdAt: new Date(Date.now() - (row.minutesAgo ?? 1) * 60_000),
    })),
  });
}

describe("signInWithPassword", () => {
  it("signs in with the right password, normalising the email, and records a success", async () => {
    const user = await createUser();
    const ip = freshAddress();
    const signedIn = await signInWithPassword({
      email: `  ${user.email.toUpperCase()} `,
      password: user.password,
      ip,
    });
    expect(signedIn).toEqual({ id: user.id, name: user.name, email: user.email });
    const attempts = await db.loginAttempt.findMany({ where: { email: user.email, ip } });
    expect(attempts.map((a) => a.success)).toEqual([true]);
  });

  it("refuses a wrong password with the wrong-credentials message and records a failure", async () => {
    const user = await createUser();
    const ip = freshAddress();
    const error = await failureOf(
      signInWithPassword({ email: user.email, password: "not the password", ip }),
    );
    expect(error.code).toBe("unauthenticated");
    expect(error.message).toBe("Email or password is incorrect.");
    const attempts = await db.loginAttempt.findMany({ where: { email: user.email, ip } });
    expect(attempts.map((a) => a.success)).toEqual([false]);
  });

  it("refuses an unknown email with the same message", async () => {
    const ip = freshAddress();
    const error = await failureOf(
      signInWithPassword({ email: "Nobody@Example.test", password: "whatever-password", ip }),
    );
    expect(error.code).toBe("unauthenticated");
    expect(error.message).toBe("Email or password is incorrect.");
    expect(await db.loginAttempt.count({ where: { email: "nobody@example.test", ip, success: false } })).toBe(
      1,
    );
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await createUser({ disabled: true });
    const error = await failureOf(
      signInWithPassword({ email: user.email, password: user.password, ip: freshAddress() }),
    );
    expect(error.code).toBe("forbidden");
    expect(error.details?.reason).toBe("disabled");
  });

  it("limits one account from one address to 5 failures per 15 minutes", async () => {
    const user = await createUser();
    const ip = freshAddress();
    for (let i = 0; i < 5; i++) {
      const error = await failureOf(signInWithPassword({ email: user.email, password: `wrong ${i}`, ip }));
      expect(error.code).toBe("unauthenticated");
    }
    // Even the right password is refused now, with a wait time instead of "incorrect".
    const limited = await failureOf(signInWithPassword({ email: user.email, password: user.password, ip }));
    expect(limited.code).toBe("rate_limited");
    expect(limited.message).toBe("Too many sign-in attempts. Try again in 15 minutes.");
    expect(limited.details?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // The refused attempt is not counted.
    expect(await db.loginAttempt.count({ where: { email: user.email, ip } })).toBe(5);
    // Another address is not affected.
    await expect(
      signInWithPassword({ email: user.email, password: user.password, ip: freshAddress() }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("reports the wait until the oldest counted failure leaves the window", async () => {
    const user = await createUser();
    const ip = freshAddress();
    await addFailures([12, 11, 10, 9, 8].map((minutesAgo) => ({ email: user.email, ip, minutesAgo })));
    const limited = await failureOf(signInWithPassword({ email: user.email, password: user.password, ip }));
    expect(limited.message).toBe("Too many sign-in attempts. Try again in 3 minutes.");
  });

  it("forgets failures of an account and address once they sign in successfully", async () => {
    const user = await createUser();
    const ip = freshAddress();
    await addFailures([5, 4, 3, 2].map((minutesAgo) => ({ email: user.email, ip, minutesAgo })));
    await signInWithPassword({ email: user.email, password: user.password, ip });
    await failureOf(signInWithPassword({ email: user.email, password: "typo", ip }));
    await expect(
      signInWithPassword({ email: user.email, password: user.password, ip }),
    ).resolves.toMatchObject({
      id: user.id,
    });
  });

  it("limits one address to 50 failures per 15 minutes across accounts", async () => {
    const user = await createUser();
    const ip = freshAddress();
    await addFailures(Array.from({ length: 50 }, (_, i) => ({ email: `victim-${i}@example.test`, ip })));
    const limited = await failureOf(signInWithPassword({ email: user.email, password: user.password, ip }));
    expect(limited.code).toBe("rate_limited");
    await expect(
      signInWithPassword({ email: user.email, password: user.password, ip: freshAddress() }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("limits an account to 20 failures from all addresses, except from an address it signed in from", async () => {
    const user = await createUser();
    const home = freshAddress();
    // The real user signed in from home ten days ago.
    await db.loginAttempt.create({
      data: { email: user.email, ip: home, success: true, createdAt: new Date(Date.now() - 10 * 86_400_000) },
    });
    // An attacker spreads 20 failures over many addresses.
    await addFailures(Array.from({ length: 20 }, () => ({ email: user.email, ip: freshAddress() })));

    const fromNewAddress = await failureOf(
      signInWithPassword({ email: user.email, password: user.password, ip: freshAddress() }),
    );
    expect(fromNewAddress.code).toBe("rate_limited");
    await expect(
      signInWithPassword({ email: user.email, password: user.password, ip: home }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("does not treat an address known for one account as known for another", async () => {
    const user = await createUser();
    const other = await createUser();
    const ip = freshAddress();
    await db.loginAttempt.create({ data: { email: other.email, ip, success: true } });
    await addFailures(Array.from({ length: 20 }, () => ({ email: user.email, ip: freshAddress() })));
    const limited = await failureOf(signInWithPassword({ email: user.email, password: user.password, ip }));
    expect(limited.code).toBe("rate_limited");
  });

  it("lets at most 5 of a parallel burst through to the password check", async () => {
    const user = await createUser();
    const ip = freshAddress();
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, (_, i) =>
        signInWithPassword({ email: user.email, password: `guess ${i}`, ip }),
      ),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as AppError).code : "ok"));
    expect(codes.filter((c) => c === "unauthenticated").length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === "rate_limited").length).toBeGreaterThanOrEqual(10);
  });
});

describe("registerUser", () => {
  it("creates a user who can then sign in, with an audit event", async () => {
    const user = await registerUser({
      email: " New.Person@Example.test ",
      name: " New Person ",
      password: "a long password",
    });
    expect(user).toMatchObject({ email: "new.person@example.test", name: "New Person" });
    await expect(
      signInWithPassword({
        email: "new.person@example.test",
        password: "a long password",
        ip: freshAddress(),
      }),
    ).resolves.toMatchObject({ id: user.id });
    expect(await db.auditEvent.count({ where: { action: "user.register", entityId: user.id } })).toBe(1);
  });

  it("refuses an email that is already registered (conflict)", async () => {
    const existing = await createUser();
    const error = await failureOf(
      registerUser({
        email: existing.email.toUpperCase(),
        name: "Someone",
        password: "another long password",
      }),
    );
    expect(error.code).toBe("conflict");
    expect(error.status).toBe(409);
  });

  it("validates name and password length", async () => {
    await expect(
      registerUser({ email: "short@example.test", name: "A", password: "too short" }),
    ).rejects.toThrow(/at least 10/);
    await expect(
      registerUser({ email: "long@example.test", name: "x".repeat(101), password: "long enough password" }),
    ).rejects.toThrow(/100/);
    await expect(
      registerUser({ email: "not-an-email", name: "A", password: "long enough password" }),
    ).rejects.toThrow();
    expect(
      await db.user.count({ where: { email: { in: ["short@example.test", "long@example.test"] } } }),
    ).toBe(0);
  });
});
