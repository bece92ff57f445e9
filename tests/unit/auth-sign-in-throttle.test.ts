// The sign-in throttle's decisions with an injected clock (no waiting, no wall clock).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDeviceCookie,
  DEVICE_COOKIE_MAX_AGE_MS,
  readDeviceCookie,
} from "../../lib/auth/device-cookie.ts";
import {
  decideSignInThrottle,
  failuresThatCount,
  progressiveDelayMs,
  SIGN_IN_THROTTLE,
  type SignInThrottleEvidence,
  waitInWords,
} from "../../lib/auth/sign-in-throttle.ts";

const now = new Date("2026-12-06T12:00:00Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const times = (count: number, s: number) => Array.from({ length: count }, () => secondsAgo(s));

function evidence(overrides: Partial<SignInThrottleEvidence> = {}): SignInThrottleEvidence {
  return {
    now,
    deviceCookie: false,
    deviceFailures: [],
    addressFailures: [],
    accountFailures: [],
    ...overrides,
  };
}

describe("progressive delays", () => {
  it("are free for the first failures, then double up to a ceiling", () => {
    const rule = SIGN_IN_THROTTLE.account;
    expect(progressiveDelayMs(rule, rule.free - 1)).toBe(0);
    expect(progressiveDelayMs(rule, rule.free)).toBe(1000);
    expect(progressiveDelayMs(rule, rule.free + 1)).toBe(2000);
    expect(progressiveDelayMs(rule, rule.free + 5)).toBe(32_000);
    expect(progressiveDelayMs(rule, 10_000)).toBe(rule.maxDelayMs);
    // Loading this many failures is enough: one more never lengthens the delay.
    expect(progressiveDelayMs(rule, failuresThatCount(rule))).toBe(rule.maxDelayMs);
    expect(progressiveDelayMs(rule, failuresThatCount(rule) - 2)).toBeLessThan(rule.maxDelayMs);
  });

  it("let an attempt through once the delay after the newest failure has passed", () => {
    // 7 account failures: a 4 s delay after the newest one.
    const failures = [...times(6, 600), secondsAgo(3)];
    expect(decideSignInThrottle(evidence({ accountFailures: failures }))).toEqual({
      limited: true,
      trusted: false,
      retryAfterSeconds: 1,
      rules: ["account"],
    });
    const later = [...times(6, 600), secondsAgo(4)];
    expect(decideSignInThrottle(evidence({ accountFailures: later }))).toEqual({
      limited: false,
      trusted: false,
    });
  });

  it("forget failures older than the window", () => {
    const old = times(40, SIGN_IN_THROTTLE.account.windowMs / 1000 + 1);
    expect(decideSignInThrottle(evidence({ accountFailures: old })).limited).toBe(false);
  });
});

describe("the attacks of issue 21", () => {
  it("50 failures from one address hold that address for at most 30 seconds, never 15 minutes", () => {
    const decision = decideSignInThrottle(evidence({ addressFailures: times(50, 0) }));
    expect(decision).toMatchObject({ limited: true, rules: ["address"], retryAfterSeconds: 30 });
    expect(decideSignInThrottle(evidence({ addressFailures: times(50, 30) })).limited).toBe(false);
  });

  it("a browser with the account's device cookie is exempt from the address and the account", () => {
    const attacked = { addressFailures: times(50, 0), accountFailures: times(20, 0) };
    expect(decideSignInThrottle(evidence(attacked)).limited).toBe(true);
    expect(decideSignInThrottle(evidence({ ...attacked, deviceCookie: true }))).toEqual({
      limited: false,
      trusted: true,
    });
  });

  it("a device cookie that failed too often itself loses the exemption", () => {
    const attacked = { accountFailures: times(20, 0), deviceCookie: true };
    expect(decideSignInThrottle(evidence({ ...attacked, deviceFailures: times(4, 0) })).limited).toBe(false);
    expect(decideSignInThrottle(evidence({ ...attacked, deviceFailures: times(5, 0) }))).toMatchObject({
      limited: true,
      trusted: false,
      rules: ["account"],
    });
  });

  it("a brute force from ever new addresses gets a handful of guesses an hour, then four an hour", () => {
    // Simulated: the attacker retries every second; an attempt that is let through fails.
    const failures: Date[] = [];
    let checked = 0;
    const hours = 6;
    for (let t = 0; t < hours * 3600; t++) {
      const at = new Date(now.getTime() + t * 1000);
      const decision = decideSignInThrottle({ ...evidence({ accountFailures: failures }), now: at });
      if (!decision.limited) {
        checked++;
        failures.push(at);
      }
    }
    // 5 free guesses, 10 growing delays (1 s … 512 s, about 17 minutes), then one per 15 minutes.
    expect(checked).toBeLessThanOrEqual(5 + 10 + hours * 4 + 1);
    expect(checked).toBeGreaterThan(5);
  });
});

describe("waitInWords", () => {
  it("says seconds under a minute, else whole minutes", () => {
    expect(waitInWords(1)).toBe("1 second");
    expect(waitInWords(30)).toBe("30 seconds");
    expect(waitInWords(60)).toBe("1 minute");
    expect(waitInWords(61)).toBe("2 minutes");
  });
});

describe("device cookies", () => {
  const previous = process.env.NEXTAUTH_SECRET;
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET = "unit-test-secret-for-device-cookies";
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.NEXTAUTH_SECRET;
    else process.env.NEXTAUTH_SECRET = previous;
  });

  it("name the device for the account that signed in, whatever the email's case", () => {
    const cookie = createDeviceCookie("Reporter@Example.test", now);
    const id = readDeviceCookie(cookie.value, "reporter@example.test", now);
    expect(id).toMatch(/^[\w-]{22}$/);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(cookie.value).not.toContain("reporter");
    // A new sign-in, a new device id.
    expect(
      readDeviceCookie(createDeviceCookie("reporter@example.test", now).value, "reporter@example.test", now),
    ).not.toBe(id);
  });

  it("are nothing for another account, when tampered with, forged or expired", () => {
    const { value } = createDeviceCookie("reporter@example.test", now);
    expect(readDeviceCookie(value, "editor@example.test", now)).toBeNull();
    const [body, mac] = value.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...payload, n: "attacker-chosen-device-id" })).toString(
      "base64url",
    );
    expect(readDeviceCookie(`${forged}.${mac}`, "reporter@example.test", now)).toBeNull();
    // Changed in its first character (six bits of the MAC), and in its last (whose spare bits a
    // lenient decoder would ignore: the cookie is compared as text).
    const flip = (char: string) => (char === "A" ? "B" : "A");
    expect(
      readDeviceCookie(`${body}.${flip(mac[0]!)}${mac.slice(1)}`, "reporter@example.test", now),
    ).toBeNull();
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(mac.at(-1)!) ^ 1]!; // the same bytes once decoded
    expect(Buffer.from(`${mac.slice(0, -1)}${twin}`, "base64url")).toEqual(Buffer.from(mac, "base64url"));
    expect(readDeviceCookie(`${body}.${mac.slice(0, -1)}${twin}`, "reporter@example.test", now)).toBeNull();
    expect(readDeviceCookie(`${body}.${mac}.x`, "reporter@example.test", now)).toBeNull();
    expect(readDeviceCookie("garbage", "reporter@example.test", now)).toBeNull();
    expect(readDeviceCookie(undefined, "reporter@example.test", now)).toBeNull();
    const expiry = new Date(now.getTime() + DEVICE_COOKIE_MAX_AGE_MS + 1);
    expect(readDeviceCookie(value, "reporter@example.test", expiry)).toBeNull();
  });

  it("signed with another secret are nothing", () => {
    const { value } = createDeviceCookie("reporter@example.test", now);
    process.env.NEXTAUTH_SECRET = "another-secret";
    try {
      expect(readDeviceCookie(value, "reporter@example.test", now)).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = "unit-test-secret-for-device-cookies";
    }
  });
});
