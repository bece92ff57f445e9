import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TeamCommand, TeamTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireTeamAction } from "../teams/access.ts";
import { ZPublicProfileInput } from "../validation/verdicts.ts";

/** The team's public profile as settings show it. */
export interface PublicProfileJson {
  organizationName: string | null;
  organizationUrl: string | null;
  showCredits: boolean;
}

/**
 * The team's public profile (every member).
 * @throws AppError not_found | forbidden
 */
export async function getPublicProfile({ actor, teamSlug }: TeamTarget): Promise<PublicProfileJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const row = await db.teamPublicProfile.findUnique({ where: { teamId: access.team.id } });
  return {
    organizationName: row?.organizationName ?? null,
    organizationUrl: row?.organizationUrl ?? null,
    showCredits: row?.showCredits ?? false,
  };
}

/**
 * Changes how the team appears on its published pages and in ClaimReview (admins): the
 * organisation's name and URL, and whether names of the people who checked are credited (off by
 * default). Takes effect at the next (re)publishing. Audited as `team.public_profile`.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function updatePublicProfile({
  actor,
  teamSlug,
  input,
}: TeamCommand): Promise<PublicProfileJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.settings", {
    message: "Only admins change the team's public profile",
  });
  const parsed = ZPublicProfileInput.parse(input);
  const data = {
    ...(parsed.organizationName !== undefined ? { organizationName: parsed.organizationName || null } : {}),
    ...(parsed.organizationUrl !== undefined ? { organizationUrl: parsed.organizationUrl || null } : {}),
    ...(parsed.showCredits !== undefined ? { showCredits: parsed.showCredits } : {}),
  };
  return db.$transaction(async (tx) => {
    const before = await tx.teamPublicProfile.findUnique({ where: { teamId: access.team.id } });
    const row = await tx.teamPublicProfile.upsert({
      where: { teamId: access.team.id },
      create: { teamId: access.team.id, ...data },
      update: data,
    });
    const after = {
      organizationName: row.organizationName,
      organizationUrl: row.organizationUrl,
      showCredits: row.showCredits,
    };
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "team.public_profile",
      entityType: "team",
      entityId: access.team.id,
      before: before
        ? {
            organizationName: before.organizationName,
            organizationUrl: before.organizationUrl,
            showCredits: before.showCredits,
          }
        : null,
      after,
    });
    return after;
  });
}
