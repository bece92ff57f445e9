import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { normalizeEmail, ZPasswordSignInInput } from "../validation/auth.ts";
import { readDeviceCookie } from "./device-cookie.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { loadSignInThrottleEvidence, pruneLoginAttempts } from "./rate-limit.ts";
import { WRONG_CREDENTIALS_MESSAGE } from "./sign-in-errors.ts";
import { decideSignInThrottle, waitInWords } from "./sign-in-throttle.ts";

/** The person a successful sign-in resolves to. */
export interface SignedInUser {
  id: string;
  name: string;
  email: string;
}

const PRUNE_PROBABILITY = 0.01;

let dummyHash: Promise<string> | undefined;
// Compared against when the account does not exist, so the answer takes as long either way.
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword("proofmark-timing-equaliser");
  return dummyHash;
}

function wrongCredentials(): AppError {
  return new AppError("unauthenticated", WRONG_CREDENTIALS_MESSAGE, { reason: "credentials" });
}

/**
 * Checks an email and password, subject to the sign-in throttle (progressive delays per address
 * and per account; a valid device cookie for the account exempts the browser: docs/AUTH.md),
 * and records the attempt. `now` is injectable for tests.
 * @throws AppError unauthenticated (wrong email or password; details.reason "credentials"),
 *   rate_limited (details.retryAfterSeconds), forbidden (account disabled; details.reason "disabled")
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string;
  /** The value of the browser's device cookie, if it sent one. */
  deviceCookie?: string | null;
  now?: Date;
}): Promise<SignedInUser> {
  const parsed = ZPasswordSignInInput.safeParse({ email: input.email, password: input.password });
  const email = normalizeEmail(parsed.success ? parsed.data.email : String(input.email ?? "").slice(0, 320));
  const ip = input.ip.slice(0, 100) || "unknown";
  const now = input.now ?? new Date();
  // Now and then, one sign-in clears out attempts too old to count (no scheduler needed).
  if (Math.random() < PRUNE_PROBABILITY) {
    pruneLoginAttempts(now).catch((error: unknown) =>
      getLogger().error({ detail: (error as Error)?.name }, "[auth] pruning login attempts failed:"),
    );
  }
  const deviceId = email ? readDeviceCookie(input.deviceCookie, email, now) : null;

  // Record the attempt first as a failure; only attempts recorded before it count against it.
  // Recorded one at a time per address and per account (advisory locks held to the commit), so
  // every attempt with a lower id is committed, and counted, when this one reads the evidence.
  // Its time is read under those locks too: taken before them, a parallel attempt that waited
  // longer would carry an earlier time than attempts recorded before it, and the throttle, which
  // counts only failures up to an attempt's own time, would miss them (a sixth guess got through).
  const attempt = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:ip:${ip}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign-in:email:${email}`}))`;
    const recordedAt = input.now ?? new Date();
    const row = await tx.loginAttempt.create({
      data: { email, ip, success: false, deviceId, createdAt: recordedAt },
      select: { id: true },
    });
    return { id: row.id, recordedAt };
  });
  const decision = decideSignInThrottle(
    await loadSignInThrottleEvidence({ email, ip, deviceId, attemptId: attempt.id, now: attempt.recordedAt }),
  );
  if (decision.limited) {
    // A held attempt is not counted, so hammering does not lengthen the wait.
    await db.loginAttempt.delete({ where: { id: attempt.id } });
    throw new AppError(
      "rate_limited",
      `Too many sign-in attempts. Try again in ${waitInWords(decision.retryAfterSeconds)}.`,
      { retryAfterSeconds: decision.retryAfterSeconds },
    );
  }
  if (deviceId && !decision.trusted) {
    // The device cookie failed too often: this attempt counts against the account like any other.
    await db.loginAttempt.update({ where: { id: attempt.id }, data: { deviceId: null } });
  }

  const user = email
    ? await db.user.findUnique({
        where: { email },
        select: { id: true, name: true, email: true, passwordHash: true, disabledAt: true },
      })
    : null;
  if (!parsed.success || !user?.passwordHash) {
    await verifyPassword(String(input.password ?? "").slice(0, 200), await getDummyHash());
    throw wrongCredentials();
  }
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) throw wrongCredentials();
  if (user.disabledAt) {
    throw new AppError("forbidden", "This account is disabled.", { reason: "disabled" });
  }
  await db.loginAttempt.update({ where: { id: attempt.id }, data: { success: true } });
  return { id: user.id, name: user.name, email: user.email };
}
