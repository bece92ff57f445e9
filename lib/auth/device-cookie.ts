// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
// signs in successfully gets a signed cookie naming the account (by a hash of its email) and a
// random nonce. Presented again with that account, it exempts the browser from the account's and
// the address's sign-in delays, until the cookie itself has collected too many failures.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getAuthSecret, usesSecureCookies } from "./config.ts";
import type { CookieToSet } from "./issue-session-cookie.ts";

/** How long a device cookie stays valid after the sign-in that issued it. */
export const DEVICE_COOKIE_MAX_AGE_MS = 365 * 24 * 60 * 60_000;

/** The device cookie's name (`__Host-` prefixed on https: no other host or path can set it). */
export function deviceCookieName(): string {
  return `${usesSecureCookies() ? "__Host-" : ""}proofmark-device`;
}

interface DevicePayload {
  /** A hash of the normalised email: the cookie does not tell who uses the browser. */
  a: string;
  /** The device's id (a random nonce). */
  n: string;
  /** Issued at, in ms since the epoch. */
  t: number;
}

function accountTag(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22);
}

function signature(body: string): Buffer {
  const key = createHmac("sha256", getAuthSecret()).update("proofmark device cookie v1").digest();
  return createHmac("sha256", key).update(body).digest();
}

/**
 * A new device cookie for the account that just signed in on this browser.
 * @throws Error when NEXTAUTH_SECRET is not set
 */
export function createDeviceCookie(email: string, now: Date = new Date()): CookieToSet {
  const payload: DevicePayload = {
    a: accountTag(email),
    n: randomBytes(16).toString("base64url"),
    t: now.getTime(),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return {
    name: deviceCookieName(),
    value: `${body}.${signature(body).toString("base64url")}`,
    options: {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: usesSecureCookies(),
      expires: new Date(now.getTime() + DEVICE_COOKIE_MAX_AGE_MS),
    },
  };
}

/**
 * The device id of a device cookie, when it is genuine, unexpired and issued for `email`;
 * otherwise null (a forged, stale or other account's cookie is simply no device cookie).
 * @throws nothing (a missing NEXTAUTH_SECRET reads as no device cookie)
 */
export function readDeviceCookie(
  value: string | undefined | null,
  email: string,
  now: Date = new Date(),
): string | null {
  if (!value || value.length > 512) return null;
  const [body, mac, extra] = value.split(".");
  if (!body || !mac || extra !== undefined) return null;
  try {
    // Compared as the canonical base64url text: decoding would accept several spellings of one
    // MAC (the last character's spare bits), so a changed cookie could still pass.
    const expected = Buffer.from(signature(body).toString("base64url"));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Partial<DevicePayload>;
    if (typeof payload.n !== "string" || !/^[\w-]{16,64}$/.test(payload.n)) return null;
    if (typeof payload.t !== "number" || payload.t > now.getTime() + 60_000) return null;
    if (now.getTime() - payload.t > DEVICE_COOKIE_MAX_AGE_MS) return null;
    if (payload.a !== accountTag(email)) return null;
    return payload.n;
  } catch {
    return null;
  }
}
