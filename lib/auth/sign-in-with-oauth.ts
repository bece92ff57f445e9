import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { normalizeEmail } from "../validation/auth.ts";
import { recordRegistration } from "./register-user.ts";
import type { SignedInUser } from "./sign-in-with-password.ts";

/** What an OAuth/OIDC provider told us about the person signing in. */
export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  /** Whether the provider vouches that the person controls `email`. */
  emailVerified: boolean;
  name: string | null | undefined;
}

function disabled(): AppError {
  return new AppError("forbidden", "This account is disabled.", { reason: "disabled" });
}

/**
 * Finds the user behind an OAuth identity: the linked Account, else the user with the same
 * verified email (linking the identity), else a new user. Unverified emails are never linked.
 * @throws AppError forbidden (user disabled; details.reason "disabled"),
 *   unauthenticated (no verified email; details.reason "email_not_verified")
 */
export async function signInWithOAuth(identity: OAuthIdentity): Promise<SignedInUser> {
  const provider = identity.provider.slice(0, 100);
  const providerAccountId = identity.providerAccountId.slice(0, 255);
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: { id: true, name: true, email: true, disabledAt: true } } },
  });
  if (linked) {
    if (linked.user.disabledAt) throw disabled();
    return { id: linked.user.id, name: linked.user.name, email: linked.user.email };
  }
  const email = identity.email ? normalizeEmail(identity.email) : "";
  if (!identity.emailVerified || !email || email.length > 320) {
    throw new AppError("unauthenticated", "The provider did not confirm an email address.", {
      reason: "email_not_verified",
    });
  }
  return db.$transaction(async (tx) => {
    let user = await tx.user.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, disabledAt: true },
    });
    if (user?.disabledAt) throw disabled();
    if (!user) {
      const name = (identity.name ?? "").trim().slice(0, 100) || email.split("@")[0]!;
      user = await tx.user.create({
        data: { email, name },
        select: { id: true, name: true, email: true, disabledAt: true },
      });
      await recordRegistration(tx, { id: user.id, email, name }, provider);
    }
    const account = await tx.account.create({
      data: { userId: user.id, provider, providerAccountId },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      teamId: null,
      actor: null,
      action: "account.link",
      entityType: "account",
      entityId: account.id,
      after: { userId: user.id, provider },
    });
    return { id: user.id, name: user.name, email: user.email };
  });
}
