// When a failed delivery is tried again: the Standard Webhooks schedule (after the immediate
// first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, about three days in all), or
// WEBHOOK_RETRY_DELAYS (seconds, comma-separated), with ±10 % jitter so that retries of many
// deliveries do not arrive together.

/** The default delays before each retry, in seconds. */
export const DEFAULT_RETRY_DELAYS = [5, 300, 1800, 7200, 18000, 36000, 36000] as const;

/** Longest wait a receiver's Retry-After may ask for (one day). */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/**
 * The delays before each retry, in seconds, from WEBHOOK_RETRY_DELAYS or the default.
 * @throws Error when the variable is set but not a list of non-negative numbers
 */
export function retryDelays(value = process.env.WEBHOOK_RETRY_DELAYS): number[] {
  if (value === undefined || value.trim() === "") return [...DEFAULT_RETRY_DELAYS];
  const parts = value.split(",").map((part) => part.trim());
  const delays = parts.map(Number);
  if (parts.some((part) => !/^\d+(?:\.\d+)?$/.test(part)) || delays.length > 50) {
    throw new Error(`WEBHOOK_RETRY_DELAYS must be seconds separated by commas, got "${value}"`);
  }
  return delays;
}

/** A delay with ±10 % jitter (random in [0.9, 1.1] × delay). */
export function withJitter(seconds: number, random: () => number = Math.random): number {
  return seconds * (0.9 + 0.2 * random());
}

/**
 * Reads a Retry-After header (seconds or an HTTP date) into seconds from `now`, capped at a day;
 * null when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return null;
    seconds = Math.max(0, (date - now.getTime()) / 1000);
  }
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/** What happens after an attempt. */
export type AttemptOutcome =
  | { kind: "succeeded" }
  | { kind: "retry"; delaySeconds: number }
  | { kind: "gone" }
  | { kind: "exhausted" };

/**
 * Decides what follows an attempt: 2xx succeeded; 410 gone (the endpoint is disabled at once);
 * otherwise a retry after the schedule's next delay (or the receiver's Retry-After on 429 and
 * 503), until the schedule is used up.
 * `roundAttempts` counts the attempts of this schedule including the one just made.
 */
export function decideNextStep(input: {
  status: number | null;
  retryAfter: string | null;
  roundAttempts: number;
  delays: readonly number[];
  now: Date;
  random?: () => number;
}): AttemptOutcome {
  const { status } = input;
  if (status !== null && status >= 200 && status < 300) return { kind: "succeeded" };
  if (status === 410) return { kind: "gone" };
  const next = input.delays[input.roundAttempts - 1];
  if (next === undefined) return { kind: "exhausted" };
  const asked = status === 429 || status === 503 ? parseRetryAfter(input.retryAfter, input.now) : null;
  return { kind: "retry", delaySeconds: asked ?? withJitter(next, input.random) };
}
