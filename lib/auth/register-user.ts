import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db, type Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { ZRegisterInput } from "../validation/auth.ts";
import { hashPassword } from "./passwords.ts";
import type { SignedInUser } from "./sign-in-with-password.ts";

function emailTaken(): AppError {
  return new AppError("conflict", "An account with this email already exists. Sign in instead.");
}

/**
 * The audit event of a new account (`via`: "password", or the OAuth provider's id), in the
 * transaction that creates it.
 */
export async function recordRegistration(
  tx: Tx,
  user: { id: string; email: string; name: string },
  via: string,
): Promise<void> {
  await recordAuditEvent(tx, {
    teamId: null,
    actor: null,
    action: "user.register",
    entityType: "user",
    entityId: user.id,
    after: { email: user.email, name: user.name, via },
  });
}

/**
 * Creates an account with a password (open registration; teams are joined by invitation).
 * @throws ZodError for invalid input, AppError conflict when the email is already registered
 */
export async function registerUser(input: unknown): Promise<SignedInUser> {
  const { email, name, password } = ZRegisterInput.parse(input);
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
      const user = await tx.user.create({
        data: { email, name, passwordHash },
        select: { id: true, name: true, email: true },
      });
      await recordRegistration(tx, { id: user.id, email, name }, "password");
      return user;
    });
  } catch (error) {
    // Two registrations racing for one email: the unique index decides.
    if ((error as { code?: string })?.code === "P2002") throw emailTaken();
    throw error;
  }
}
