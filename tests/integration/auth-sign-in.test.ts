import { describe, expect, it, vi } from "vitest";
import { createDeviceCookie } from "../../lib/auth/device-cookie.ts";
import { registerUser } from "../../lib/auth/register-user.ts";
import { signInWithPassword } from "../../lib/auth/sign-in-with-password.ts";
import { db } from "../../lib/db.ts";
import type { AppError } from "../../lib/errors.ts";
import { refusal } from "../support/app-error.ts";
import { createUser } from "../support/factories.ts";

// Unknown emails are checked against a dummy hash of the production cost; these tests make
// dozens of such attempts, so a cheaper one (bcrypt's minimum) keeps them quick.
vi.hoisted(() => {
  process.env.BCRYPT_COST ??= "4";
});

// Device cookies are signed with the auth secret.
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-for-device-cookies";

let addressCounter = 0;
// Each test signs in from addresses of its own, so limits from one test never leak into another.
function freshAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

/** `seconds` after `date` (an injected clock: no test waits). */
function at(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
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
    const error = await refusal(signInWithPassword({ email: user.email, password: "not the password", ip }));
    expect(error.code).toBe("unauthenticated");
    expect(error.message).toBe("Email or password is incorrect.");
    const attempts = await db.loginAttempt.findMany({ where: { email: user.email, ip } });
    expect(attempts.map((a) => a.success)).toEqual([false]);
  });

  it("refuses an unknown email with the same message", async () => {
    const ip = freshAddress();
    const error = await refusal(
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
    const error = await refusal(
      signInWithPassword({ email: user.email, password: user.password, ip: freshAddress() }),
    );
    expect(error.code).toBe("forbidden");
    expect(error.details?.reason).toBe("disabled");
  });

  it("holds an account with growing delays after 5 failures, never a 15-minute lockout", async () => {
    const user = await createUser();
    const ip = freshAddress();
    const t0 = new Date();
    for (let i = 0; i < 5; i++) {
      const error = await refusal(
        signInWithPassword({ email: user.email, password: `wrong ${i}`, ip, now: t0 }),
      );
      expect(error.code).toBe("unauthenticated");
    }
    // At once: held for a second, with the wait in words.
    const limited = await refusal(
      signInWithPassword({ email: user.email, password: user.password, ip, now: t0 }),
    );
    expect(limited.code).toBe("rate_limited");
    expect(limited.message).toBe("Too many sign-in attempts. Try again in 1 second.");
    expect(limited.details?.retryAfterSeconds).toBe(1);
    // The held attempt is not counted.
    expect(await db.loginAttempt.count({ where: { email: user.email, ip } })).toBe(5);
    // A second later the right password goes through.
    await expect(
      signInWithPassword({ email: user.email, password: user.password, ip, now: at(t0, 1) }),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("50 failures from one address for made-up emails do not lock a real account's correct sign-in out", async () => {
    const user = await createUser();
    const nat = freshAddress();
    const t0 = new Date();
    // The reporter signed in on this browser yesterday: it holds the account's device cookie.
    const device = createDeviceCookie(user.email, at(t0, -86_400));
    // Someone behind the same NAT sprays made-up accounts, 50 failures, as fast as they are let through.
    let clock = t0;
    let failed = 0;
    while (failed < 50) {
      const error = await refusal(
        signInWithPassword({
          email: `made-up-${failed}@example.test`,
          password: "guess",
          ip: nat,
          now: clock,
        }),
      );
      if (error.code === "unauthenticated") failed++;
      else clock = at(clock, Number(error.details?.retryAfterSeconds));
    }
    expect(await db.loginAttempt.count({ where: { ip: nat, success: false } })).toBe(50);
    // The reporter's browser signs in at once.
    await expect(
      signInWithPassword({
        email: user.email,
        password: user.password,
        ip: nat,
        deviceCookie: device.value,
        now: clock,
      }),
    ).resolves.toMatchObject({ id: user.id });
    // A colleague on a new browser waits seconds, not 15 minutes, then signs in.
    const colleague = await createUser();
    const held = await refusal(
      signInWithPassword({ email: colleague.email, password: colleague.password, ip: nat, now: clock }),
    );
    expect(held.code).toBe("rate_limited");
    expect(Number(held.details?.retryAfterSeconds)).toBeLessThanOrEqual(30);
    await expect(
      signInWithPassword({
        email: colleague.email,
        password: colleague.password,
        ip: nat,
        now: at(clock, 30),
      }),
    ).resolves.toMatchObject({ id: colleague.id });
  }, 120_000);

  it("20 failures spread over addresses do not lock out a browser that signed in before", async () => {
    const user = await createUser();
    const t0 = new Date();
    const device = createDeviceCookie(user.email, at(t0, -10 * 86_400));
    // An attacker spreads 20 failures over many addresses.
    await addFailures(Array.from({ length: 20 }, () => ({ email: user.email, ip: freshAddress() })));

    // The reporter's browser, on a network it never used: signed in.
    await expect(
      signInWithPassword({
        email: user.email,
        password: user.password,
        ip: freshAddress(),
        deviceCookie: device.value,
        now: t0,
      }),
    ).resolves.toMatchObject({ id: user.id });
    // Without the cookie (the attacker, or another account's cookie), the account is held.
    for (const deviceCookie of [undefined, createDeviceCookie("someone-else@example.test", t0).value]) {
      const held = await refusal(
        signInWithPassword({
          email: user.email,
          password: user.password,
          ip: freshAddress(),
          deviceCookie,
          now: t0,
        }),
      );
      expect(held.code).toBe("rate_limited");
    }
  });

  it("a device cookie loses its exemption after 5 failures of its own", async () => {
    const user = await createUser();
    const t0 = new Date();
    const device = createDeviceCookie(user.email, t0);
    await addFailures(Array.from({ length: 20 }, () => ({ email: user.email, ip: freshAddress() })));
    for (let i = 0; i < 5; i++) {
      const error = await refusal(
        signInWithPassword({
          email: user.email,
          password: `stolen cookie guess ${i}`,
          ip: freshAddress(),
          deviceCookie: device.value,
          now: t0,
        }),
      );
      expect(error.code).toBe("unauthenticated");
    }
    const held = await refusal(
      signInWithPassword({
        email: user.email,
        password: user.password,
        ip: freshAddress(),
        deviceCookie: device.value,
        now: t0,
      }),
    );
    expect(held.code).toBe("rate_limited");
  });

  it("a brute force from ever new addresses gets nowhere: a handful of checks, the rest held", async () => {
    const user = await createUser();
    const t0 = new Date();
    const codes: string[] = [];
    // One guess a second for two minutes, each from a new address; the right password comes last.
    for (let i = 0; i < 120; i++) {
      const password = i === 119 ? user.password : `guess ${i}`;
      const result = await signInWithPassword({
        email: user.email,
        password,
        ip: freshAddress(),
        now: at(t0, i),
      }).then(
        () => "ok",
        (error: AppError) => error.code,
      );
      codes.push(result);
    }
    // 5 free guesses, then delays of 1, 2, 4, 8, 16, 32 s: 11 guesses checked in two minutes.
    expect(codes.filter((c) => c === "unauthenticated").length).toBeLessThanOrEqual(11);
    expect(codes.filter((c) => c === "rate_limited").length).toBeGreaterThanOrEqual(108);
    expect(codes.at(-1)).toBe("rate_limited");
  }, 120_000);

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
    const error = await refusal(
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
