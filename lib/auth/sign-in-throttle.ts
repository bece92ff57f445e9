// Password sign-in throttling after OWASP's guidance (Authentication Cheat Sheet; "Slow Down
// Online Guessing Attacks with Device Cookies"): progressive delays instead of hard lockouts,
// and device cookies that exempt a browser which signed in to the account before. State lives in
// LoginAttempt rows in PostgreSQL, so every app instance sees the same counts. docs/SECURITY.md.

/**
 * A progressive delay: after `free` failures within `windowMs`, an attempt must come at least
 * baseDelayMs·2^(n−free) after the newest of the n failures, and never more than `maxDelayMs`.
 */
export interface ProgressiveDelay {
  free: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The throttle of password sign-in. */
export interface SignInThrottle {
  /** Failures from one address, whatever the account (password spraying); holds untrusted attempts. */
  address: ProgressiveDelay;
  /** Failures for one account from browsers without its device cookie (distributed guessing). */
  account: ProgressiveDelay;
  /** Failures a device cookie may see within `windowMs` before it loses its exemption. */
  device: { limit: number; windowMs: number };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The sign-in throttle in force. */
export const SIGN_IN_THROTTLE: SignInThrottle = {
  address: { free: 10, windowMs: HOUR, baseDelayMs: 1000, maxDelayMs: 30_000 },
  account: { free: 5, windowMs: 24 * HOUR, baseDelayMs: 1000, maxDelayMs: 15 * MINUTE },
  device: { limit: 5, windowMs: 24 * HOUR },
};

/** The failures that count against one attempt (failure times, newest first or in any order). */
export interface SignInThrottleEvidence {
  now: Date;
  /** The attempt carries a valid device cookie for this account. */
  deviceCookie: boolean;
  /** Failures recorded with that device cookie within the device window. */
  deviceFailures: readonly Date[];
  /** Failures from this address within the address window. */
  addressFailures: readonly Date[];
  /** Failures for this account from untrusted browsers within the account window. */
  accountFailures: readonly Date[];
}

export type SignInThrottleDecision =
  | { limited: false; trusted: boolean }
  | { limited: true; trusted: false; retryAfterSeconds: number; rules: Array<"address" | "account"> };

/** How many of a rule's newest failures decide its delay (more never lengthen it). */
export function failuresThatCount(rule: ProgressiveDelay): number {
  return rule.free + Math.ceil(Math.log2(rule.maxDelayMs / rule.baseDelayMs)) + 1;
}

/** The delay a rule imposes after `count` failures (0 while within the free ones). */
export function progressiveDelayMs(rule: ProgressiveDelay, count: number): number {
  if (count < rule.free) return 0;
  const exponent = Math.min(count - rule.free, 40);
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** exponent);
}

// The time from which a rule lets the next attempt through, or null when it does not hold it.
function retryAtFor(failures: readonly Date[], rule: ProgressiveDelay, now: Date): number | null {
  const inWindow = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - rule.windowMs && t <= now.getTime());
  const delay = progressiveDelayMs(rule, inWindow.length);
  if (delay === 0) return null;
  const retryAt = Math.max(...inWindow) + delay;
  return retryAt > now.getTime() ? retryAt : null;
}

/**
 * Decides whether a sign-in attempt goes on to the password check (pure: the caller loads the
 * evidence; the clock is `evidence.now`). A browser with the account's device cookie is exempt
 * from the address and account delays until it has failed `device.limit` times itself; every
 * other attempt waits out the progressive delays of its address and its account.
 * @throws nothing
 */
export function decideSignInThrottle(
  evidence: SignInThrottleEvidence,
  throttle: SignInThrottle = SIGN_IN_THROTTLE,
): SignInThrottleDecision {
  const { now } = evidence;
  if (evidence.deviceCookie) {
    const recent = evidence.deviceFailures.filter(
      (d) => d.getTime() > now.getTime() - throttle.device.windowMs,
    );
    if (recent.length < throttle.device.limit) return { limited: false, trusted: true };
  }
  const checks = [
    ["address", retryAtFor(evidence.addressFailures, throttle.address, now)],
    ["account", retryAtFor(evidence.accountFailures, throttle.account, now)],
  ] as const;
  const hit = checks.filter((check): check is [(typeof checks)[number][0], number] => check[1] !== null);
  if (hit.length === 0) return { limited: false, trusted: false };
  const retryAt = Math.max(...hit.map(([, at]) => at));
  return {
    limited: true,
    trusted: false,
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)),
    rules: hit.map(([rule]) => rule),
  };
}

/** A wait in words: "12 seconds", "1 minute", "15 minutes". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** How long sign-in attempts are kept: the longest window, and a day to spare. */
export const LOGIN_ATTEMPT_RETENTION_MS =
  Math.max(
    SIGN_IN_THROTTLE.address.windowMs,
    SIGN_IN_THROTTLE.account.windowMs,
    SIGN_IN_THROTTLE.device.windowMs,
  ) +
  24 * HOUR;
