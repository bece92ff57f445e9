import { db } from "../db.ts";
import {
  failuresThatCount,
  LOGIN_ATTEMPT_RETENTION_MS,
  SIGN_IN_THROTTLE,
  type SignInThrottle,
  type SignInThrottleEvidence,
} from "./sign-in-throttle.ts";

/**
 * Loads the evidence for an attempt that has already been recorded as the pending row
 * `attemptId`: only rows recorded before it count, so a burst of parallel attempts is ranked
 * and cannot all slip through at once. `deviceId` is the attempt's valid device cookie, if any.
 * @throws Error when the database fails
 */
export async function loadSignInThrottleEvidence(
  {
    email,
    ip,
    deviceId,
    attemptId,
    now,
  }: { email: string; ip: string; deviceId: string | null; attemptId: bigint; now: Date },
  throttle: SignInThrottle = SIGN_IN_THROTTLE,
): Promise<SignInThrottleEvidence> {
  const since = (windowMs: number) => new Date(now.getTime() - windowMs);
  const failures = async (
    where: { email?: string; ip?: string; deviceId?: string | null },
    windowMs: number,
    take: number,
  ) =>
    (
      await db.loginAttempt.findMany({
        where: { ...where, success: false, createdAt: { gt: since(windowMs) }, id: { lt: attemptId } },
        orderBy: { createdAt: "desc" },
        take,
        select: { createdAt: true },
      })
    ).map((row) => row.createdAt);
  const [deviceFailures, addressFailures, accountFailures] = await Promise.all([
    deviceId ? failures({ deviceId }, throttle.device.windowMs, throttle.device.limit) : [],
    failures({ ip }, throttle.address.windowMs, failuresThatCount(throttle.address)),
    // Attempts a device cookie exempted do not count against the account (they are counted per device).
    failures({ email, deviceId: null }, throttle.account.windowMs, failuresThatCount(throttle.account)),
  ]);
  return { now, deviceCookie: deviceId !== null, deviceFailures, addressFailures, accountFailures };
}

/**
 * Deletes sign-in attempts too old to matter to any delay.
 * @throws Error when the database fails
 */
export async function pruneLoginAttempts(now = new Date()): Promise<number> {
  const result = await db.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } },
  });
  return result.count;
}
