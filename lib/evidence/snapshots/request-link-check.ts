// "Check now": asks the dispatcher for a link check of one evidence item or of all the team's
// cited sources (docs/EVIDENCE.md "Link health"). The check itself runs in the job queue.
import { recordAuditEvent } from "../../audit/record-audit-event.ts";
import type { Actor, TeamTarget } from "../../auth/actor.ts";
import { db } from "../../db.ts";
import { notFound } from "../../errors.ts";
import { assertCan, requireTeamAction } from "../../teams/access.ts";
import { getEvidenceAccessOrThrow } from "../remove-evidence.ts";
import { SNAPSHOT_SUMMARY_SELECT, type SnapshotSummaryJson, toSnapshotSummaryJson } from "./snapshot-json.ts";
import { kickEvidenceDispatcher } from "./start-evidence-archiving.ts";

/**
 * Asks for a link check of one external evidence item (annotators, moderators, admins; scope
 * annotate). An item cited before archiving existed, or whose archive failed, is archived (again)
 * first, then checked.
 * @throws AppError not_found (also another team's or an internal item) | forbidden
 */
export async function requestLinkCheck({
  actor,
  evidenceId,
}: {
  actor: Actor;
  evidenceId: string;
}): Promise<SnapshotSummaryJson> {
  const { evidence, access } = await getEvidenceAccessOrThrow(actor, evidenceId);
  if (!evidence.url) throw notFound("Snapshot");
  assertCan(access, "annotation.create");
  const now = new Date();
  const row = await db.$transaction(async (tx) => {
    const existing = await tx.evidenceSnapshot.findUnique({
      where: { evidenceId: evidence.id },
      select: { state: true },
    });
    const updated = await tx.evidenceSnapshot.upsert({
      where: { evidenceId: evidence.id },
      create: { evidenceId: evidence.id, teamId: access.team.id, url: evidence.url!, checkRequestedAt: now },
      // A failed archive is tried again (then checked).
      update:
        existing?.state === "FAILED"
          ? { checkRequestedAt: now, state: "ARCHIVING", queuedAt: null, failureReason: null }
          : { checkRequestedAt: now },
      select: SNAPSHOT_SUMMARY_SELECT,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "evidence.check_request",
      entityType: "evidence",
      entityId: evidence.id,
    });
    return updated;
  });
  kickEvidenceDispatcher();
  return toSnapshotSummaryJson(row);
}

/**
 * Asks for a link check of every live external evidence item of the team (annotators,
 * moderators, admins; scope annotate); returns how many were asked for.
 * @throws AppError not_found (not the actor's team) | forbidden
 */
export async function requestTeamLinkChecks({ actor, teamSlug }: TeamTarget): Promise<{ requested: number }> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "annotation.create");
  const requested = await db.$transaction(async (tx) => {
    const result = await tx.evidenceSnapshot.updateMany({
      where: {
        teamId: access.team.id,
        evidence: { deletedAt: null, annotation: { deletedAt: null, article: { deletedAt: null } } },
      },
      data: { checkRequestedAt: new Date() },
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "evidence.check_all_request",
      entityType: "team",
      entityId: access.team.id,
      after: { requested: result.count },
    });
    return result.count;
  });
  kickEvidenceDispatcher();
  return { requested };
}
