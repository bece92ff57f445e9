import type { Tx } from "../db.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { hashSecret } from "../tokens/token-secret.ts";
import { roleName } from "../validation/teams.ts";
import { INVITE_SECRET_PATTERN, inviteStatus } from "./invite-views.ts";

/** What someone holding an invite link may learn about it. */
export interface InvitePreview {
  team: { id: string; slug: string; name: string };
  role: ReturnType<typeof roleName>;
  email: string | null;
  expiresAt: string;
}

const UNUSABLE: Record<"accepted" | "revoked" | "expired", string> = {
  accepted: "This invite link has already been used",
  revoked: "This invite link has been revoked",
  expired: "This invite link has expired; ask an admin of the team for a new one",
};

/**
 * Finds a usable invite by the secret of its link (the secret is the credential: no actor needed).
 * @throws AppError not_found for an unknown, used, revoked or expired link (with a message that says which)
 */
export async function findUsableInviteBySecretOrThrow(secret: string, client: Tx = db) {
  const unknown = new AppError("not_found", "This invite link is not valid");
  if (!INVITE_SECRET_PATTERN.test(secret)) throw unknown;
  const invite = await client.invite.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: {
      id: true,
      teamId: true,
      role: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!invite) throw unknown;
  const status = inviteStatus(invite);
  if (status !== "pending") throw new AppError("not_found", UNUSABLE[status]);
  return invite;
}

/**
 * Describes an invite link for its landing page: team name and the role it grants.
 * @throws AppError not_found (unknown, used, revoked or expired)
 */
export async function getInvitePreview({ secret }: { secret: string }): Promise<InvitePreview> {
  const invite = await findUsableInviteBySecretOrThrow(secret);
  return {
    team: invite.team,
    role: roleName(invite.role as Role),
    email: invite.email,
    expiresAt: invite.expiresAt.toISOString(),
  };
}
