import { db } from "../db.ts";

/** One sign-in limit: at most `limit` failures within `windowMs`. */
export interface SignInLimit {
  limit: number;
  windowMs: number;
}

/** The limits of password sign-in. */
export interface SignInLimits {
  accountAddress: SignInLimit;
  address: SignInLimit;
  account: SignInLimit;
  knownAddressMs: number;
}

/** The sign-in limits (LoginAttempt rows in PostgreSQL, so every app instance sees the same counts). */
export const SIGN_IN_LIMITS: SignInLimits = {
  /** Failures for one account from one address. */
  accountAddress: { limit: 5, windowMs: 15 * 60_000 },
  /** Failures from one address, whatever the account. */
  address: { limit: 50, windowMs: 15 * 60_000 },
  /** Failures for one account from all addresses; not applied to an address known for the account. */
  account: { limit: 20, windowMs: 15 * 60_000 },
  /** An address with a successful sign-in to the account this recently is "known" for it. */
  knownAddressMs: 30 * 24 * 60 * 60_000,
};

/** The failures that count against an attempt, each list holding failure times within its window. */
export interface SignInEvidence {
  now: Date;
  accountAddressFailures: readonly Date[];
  addressFailures: readonly Date[];
  accountFailures: readonly Date[];
  /** The address signed in successfully to this account within `knownAddressMs`. */
  addressKnownForAccount: boolean;
}

export type SignInRateDecision =
  | { limited: false }
  | { limited: true; retryAfterSeconds: number; rules: Array<"accountAddress" | "address" | "account"> };

// When a rule is over its limit, it frees up once the limit-th most recent failure leaves the window.
function retryAtFor(failures: readonly Date[], rule: SignInLimit, now: Date): number | null {
  const inWindow = failures
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - rule.windowMs)
    .sort((a, b) => b - a);
  if (inWindow.length < rule.limit) return null;
  return inWindow[rule.limit - 1]! + rule.windowMs;
}

/** Decides whether a sign-in attempt may go ahead (pure: the evidence is loaded by the caller). */
export function decideSignInRateLimit(
  evidence: SignInEvidence,
  limits: SignInLimits = SIGN_IN_LIMITS,
): SignInRateDecision {
  const { now } = evidence;
  const checks = [
    ["accountAddress", retryAtFor(evidence.accountAddressFailures, limits.accountAddress, now)],
    ["address", retryAtFor(evidence.addressFailures, limits.address, now)],
    [
      "account",
      evidence.addressKnownForAccount ? null : retryAtFor(evidence.accountFailures, limits.account, now),
    ],
  ] as const;
  const hit = checks.filter(([, retryAt]) => retryAt !== null) as Array<[(typeof checks)[number][0], number]>;
  if (hit.length === 0) return { limited: false };
  const retryAt = Math.max(...hit.map(([, at]) => at));
  return {
    limited: true,
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)),
    rules: hit.map(([rule]) => rule),
  };
}

/** Whole minutes to show a person for a wait of `seconds` (at least 1). */
export function waitMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * Loads the evidence for an attempt that has already been recorded as the pending row
 * `attemptId`: only rows recorded before it count, so a burst of parallel attempts is ranked
 * and cannot all slip under the limit at once.
 */
export async function loadSignInEvidence(
  { email, ip, attemptId, now }: { email: string; ip: string; attemptId: bigint; now: Date },
  limits: SignInLimits = SIGN_IN_LIMITS,
): Promise<SignInEvidence> {
  const since = (windowMs: number) => new Date(now.getTime() - windowMs);
  const lastPairSuccess = await db.loginAttempt.findFirst({
    where: {
      email,
      ip,
      success: true,
      createdAt: { gt: since(limits.knownAddressMs) },
      id: { lt: attemptId },
    },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  // A success from this address wipes the slate for this account and address.
  const pairSince = new Date(
    Math.max(since(limits.accountAddress.windowMs).getTime(), lastPairSuccess?.createdAt.getTime() ?? 0),
  );
  const failures = async (where: { email?: string; ip?: string }, after: Date, take: number) =>
    (
      await db.loginAttempt.findMany({
        where: { ...where, success: false, createdAt: { gt: after }, id: { lt: attemptId } },
        orderBy: { createdAt: "desc" },
        take,
        select: { createdAt: true },
      })
    ).map((row) => row.createdAt);
  const [accountAddressFailures, addressFailures, accountFailures] = await Promise.all([
    failures({ email, ip }, pairSince, limits.accountAddress.limit),
    failures({ ip }, since(limits.address.windowMs), limits.address.limit),
    failures({ email }, since(limits.account.windowMs), limits.account.limit),
  ]);
  return {
    now,
    accountAddressFailures,
    addressFailures,
    accountFailures,
    addressKnownForAccount: lastPairSuccess !== null,
  };
}

/** How long sign-in attempts are kept: long enough for the known-address rule. */
export const LOGIN_ATTEMPT_RETENTION_MS = SIGN_IN_LIMITS.knownAddressMs + 24 * 60 * 60_000;

/**
 * Deletes sign-in attempts too old to matter to any limit.
 * @throws Error when the database fails
 */
export async function pruneLoginAttempts(now = new Date()): Promise<number> {
  const result = await db.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } },
  });
  return result.count;
}
