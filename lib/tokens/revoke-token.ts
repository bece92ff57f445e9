import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { requireTeamAction } from "../teams/access.ts";

/**
 * Revokes one of the team's API tokens at once (signed-in admins only); revoking twice is harmless.
 * @throws AppError not_found (team, or a token of another team) | forbidden
 */
export async function revokeToken({
  actor,
  slug,
  tokenId,
}: {
  actor: Actor;
  slug: string;
  tokenId: string;
}): Promise<void> {
  await db.$transaction(async (tx) => {
    const access = await requireTeamAction(actor, { slug }, "token.manage", { client: tx });
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, teamId: access.team.id },
      select: { id: true, name: true, revokedAt: true },
    });
    if (!token) throw notFound("Token");
    if (token.revokedAt) return;
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt } });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "token.revoke",
      entityType: "ApiToken",
      entityId: token.id,
      before: { name: token.name, revokedAt: null },
      after: { revokedAt: revokedAt.toISOString() },
    });
  });
}
