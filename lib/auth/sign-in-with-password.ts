import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { normalizeEmail, ZPasswordSignInInput } from "../validation/auth.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { decideSignInRateLimit, loadSignInEvidence, pruneLoginAttempts, waitMinutes } from "./rate-limit.ts";
import { WRONG_CREDENTIALS_MESSAGE } from "./sign-in-errors.ts";

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
 * Checks an email and password, subject to the sign-in rate limits, and records the attempt.
 * @throws AppError unauthenticated (wrong email or password; details.reason "credentials"),
 *   rate_limited (details.retryAfterSeconds), forbidden (account disabled; details.reason "disabled")
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<SignedInUser> {
  const parsed = ZPasswordSignInInput.safeParse({ email: input.email, password: input.password });
  const email = normalizeEmail(parsed.success ? parsed.data.email : String(input.email ?? "").slice(0, 320));
  const ip = input.ip.slice(0, 100) || "unknown";
  const now = new Date();
  // Now and then, one sign-in clears out attempts too old to count (no scheduler needed).
  if (Math.random() < PRUNE_PROBABILITY) {
    pruneLoginAttempts(now).catch((error: unknown) =>
      console.error("[auth] pruning login attempts failed", error),
    );
  }

  // Record the attempt first as a failure; only attempts recorded before it count against it.
  const attempt = await db.loginAttempt.create({ data: { email, ip, success: false }, select: { id: true } });
  const decision = decideSignInRateLimit(await loadSignInEvidence({ email, ip, attemptId: attempt.id, now }));
  if (decision.limited) {
    // A refused attempt is not counted, so hammering does not extend the wait forever.
    await db.loginAttempt.delete({ where: { id: attempt.id } });
    const minutes = waitMinutes(decision.retryAfterSeconds);
    throw new AppError(
      "rate_limited",
      `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      { retryAfterSeconds: decision.retryAfterSeconds, minutes },
    );
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
