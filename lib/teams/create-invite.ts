import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { hashSecret } from "../tokens/token-secret.ts";
import type { TCreateInviteInput } from "../validation/teams.ts";
import { requireTeamAction } from "./access.ts";
import { INVITE_VIEW_SELECT, type InviteView, toInviteView } from "./invite-views.ts";

/** A new invite with the secret of its link, which is shown this once and never stored. */
export interface CreatedInvite extends InviteView {
  secret: string;
  /** The path of the link to share: `/invite/<secret>`. */
  path: string;
}

/**
 * Creates an invitation link to the team with a role (admins only).
 * @throws AppError not_found | forbidden (not an admin, or an API token)
 */
export async function createInvite({
  actor,
  slug,
  input,
}: {
  actor: Actor;
  slug: string;
  input: TCreateInviteInput;
}): Promise<CreatedInvite> {
  const { role, expiresInHours, email } = input;
  const secret = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const access = await requireTeamAction(actor, { slug }, "member.manage", { client: tx });
    const invite = await tx.invite.create({
      data: {
        teamId: access.team.id,
        role,
        email: email ?? null,
        tokenHash: hashSecret(secret),
        createdById: actor.userId,
        expiresAt: new Date(Date.now() + expiresInHours * 3600_000),
      },
      select: INVITE_VIEW_SELECT,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "invite.create",
      entityType: "Invite",
      entityId: invite.id,
      after: { role, email: email ?? null, expiresAt: invite.expiresAt.toISOString() },
    });
    return { ...toInviteView(invite), secret, path: `/invite/${secret}` };
  });
}
