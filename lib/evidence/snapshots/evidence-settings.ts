// The team's link-health schedule (docs/EVIDENCE.md "Link health"): weekly by default, or every
// N days, or off; and the opt-in schedule of re-checking URL-imported articles against their
// sources every N hours during their first days (off by default). A team without a settings row has the defaults.
import { recordAuditEvent } from "../../audit/record-audit-event.ts";
import type { TeamCommand, TeamTarget } from "../../auth/actor.ts";
import { db } from "../../db.ts";
import { can } from "../../policies/team.ts";
import { requireTeamAction } from "../../teams/access.ts";
import { ZEvidenceSettingsInput } from "../../validation/evidence.ts";

/** Days between scheduled checks when a team never chose. */
export const DEFAULT_LINK_CHECK_DAYS = 7;

/** Days after import during which the article schedule re-checks an article, when a team never chose. */
export const DEFAULT_ARTICLE_RECHECK_WINDOW_DAYS = 7;

export interface EvidenceSettingsJson {
  linkCheckIntervalDays: number | null;
  articleRecheckIntervalHours: number | null;
  articleRecheckWindowDays: number;
  waybackSave: boolean;
  canEdit: boolean;
}

/**
 * The team's link-health settings, for any member (scope read).
 * @throws AppError not_found (not the actor's team) | forbidden
 */
export async function getEvidenceSettings({ actor, teamSlug }: TeamTarget): Promise<EvidenceSettingsJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const row = await db.teamEvidenceSettings.findUnique({ where: { teamId: access.team.id } });
  return {
    linkCheckIntervalDays: row ? row.linkCheckIntervalDays : DEFAULT_LINK_CHECK_DAYS,
    articleRecheckIntervalHours: row?.articleRecheckIntervalHours ?? null,
    articleRecheckWindowDays: row?.articleRecheckWindowDays ?? DEFAULT_ARTICLE_RECHECK_WINDOW_DAYS,
    waybackSave: row?.waybackSave ?? false,
    canEdit: can(access, "team.settings"),
  };
}

/**
 * Changes the team's link-health settings (admins), with its audit event.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function updateEvidenceSettings({
  actor,
  teamSlug,
  input,
}: TeamCommand): Promise<EvidenceSettingsJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.settings", {
    message: "Only admins change the link-check schedule",
  });
  const parsed = ZEvidenceSettingsInput.parse(input);
  const row = await db.$transaction(async (tx) => {
    const before = await tx.teamEvidenceSettings.findUnique({ where: { teamId: access.team.id } });
    const changes = {
      ...(parsed.linkCheckIntervalDays !== undefined
        ? { linkCheckIntervalDays: parsed.linkCheckIntervalDays }
        : {}),
      ...(parsed.articleRecheckIntervalHours !== undefined
        ? { articleRecheckIntervalHours: parsed.articleRecheckIntervalHours }
        : {}),
      ...(parsed.articleRecheckWindowDays !== undefined
        ? { articleRecheckWindowDays: parsed.articleRecheckWindowDays }
        : {}),
      ...(parsed.waybackSave !== undefined ? { waybackSave: parsed.waybackSave } : {}),
    };
    const saved = await tx.teamEvidenceSettings.upsert({
      where: { teamId: access.team.id },
      create: { teamId: access.team.id, ...changes },
      update: changes,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "evidence.settings_update",
      entityType: "team",
      entityId: access.team.id,
      before: {
        linkCheckIntervalDays: before ? before.linkCheckIntervalDays : DEFAULT_LINK_CHECK_DAYS,
        articleRecheckIntervalHours: before?.articleRecheckIntervalHours ?? null,
        articleRecheckWindowDays: before?.articleRecheckWindowDays ?? DEFAULT_ARTICLE_RECHECK_WINDOW_DAYS,
        waybackSave: before?.waybackSave ?? false,
      },
      after: {
        linkCheckIntervalDays: saved.linkCheckIntervalDays,
        articleRecheckIntervalHours: saved.articleRecheckIntervalHours,
        articleRecheckWindowDays: saved.articleRecheckWindowDays,
        waybackSave: saved.waybackSave,
      },
    });
    return saved;
  });
  return {
    linkCheckIntervalDays: row.linkCheckIntervalDays,
    articleRecheckIntervalHours: row.articleRecheckIntervalHours,
    articleRecheckWindowDays: row.articleRecheckWindowDays,
    waybackSave: row.waybackSave,
    canEdit: true,
  };
}
