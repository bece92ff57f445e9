import { republishAnnotationDocuments } from "../annotations/live-state.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";
import { assertCan } from "../teams/access.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import { getRoundAccessOrThrow } from "./get-round.ts";
import { publishRoundProgress, roundProgressChange } from "./live-round-progress.ts";
import { revealRoundInTx } from "./reveal-round.ts";
import { countRoundAnnotations, ROUND_SELECT, type RoundJson, toRoundJson } from "./round-json.ts";

/**
 * An annotator of an open round submits their annotations of it: from then on they are frozen
 * (edits and deletes answer 409, and they add no more in this round). The last submission
 * reveals the round in the same transaction.
 * @throws AppError not_found | forbidden (not assigned, or the token lacks annotate) | conflict (not open, already submitted)
 */
export async function submitRound({
  actor,
  roundId,
}: {
  actor: Actor;
  roundId: string;
}): Promise<{ round: RoundJson; submittedAt: string; revealed: boolean }> {
  const { round, access } = await getRoundAccessOrThrow(actor, roundId);
  assertCan(access, "annotation.create");
  if (!round.assignments.some((assignment) => assignment.annotator.id === access.userId))
    throw new AppError("forbidden", "Only the round's annotators submit it");
  if (round.status !== "OPEN") throw new AppError("conflict", "This round is no longer open");
  const result = await db.$transaction(async (tx) => {
    const submittedAt = new Date();
    const updated = await tx.roundAssignment.updateMany({
      where: { roundId: round.id, annotatorId: access.userId, submittedAt: null, round: { status: "OPEN" } },
      data: { submittedAt },
    });
    if (updated.count === 0) throw new AppError("conflict", "You already submitted this round");
    const actorName =
      (await tx.user.findUnique({ where: { id: access.userId }, select: { name: true } }))?.name ?? null;
    await recordAuditEvent(tx, {
      teamId: round.teamId,
      actor,
      action: "round.submit",
      entityType: "round",
      entityId: round.id,
      after: { annotatorId: access.userId, submittedAt: submittedAt.toISOString() },
    });
    await recordEvent(tx, {
      teamId: round.teamId,
      type: "round.submitted",
      data: { round: { id: round.id, articleId: round.articleId }, actor: eventActor(actor, actorName) },
    });
    const waiting = await tx.roundAssignment.count({ where: { roundId: round.id, submittedAt: null } });
    const revealed = waiting === 0;
    if (revealed)
      await revealRoundInTx(tx, { actor, actorName, round, teamSlug: access.team.slug, reason: "submitted" });
    const row = await tx.round.findUniqueOrThrow({ where: { id: round.id }, select: ROUND_SELECT });
    return { row, submittedAt, revealed, counts: await countRoundAnnotations(tx, [round.id]) };
  });
  // The moderators see the submission live; a reveal rebuilds every view, their progress included.
  if (result.revealed)
    await republishAnnotationDocuments(round.articleId, roundProgressChange(round.articleId));
  else await publishRoundProgress(round.articleId, [access.userId]);
  return {
    round: toRoundJson(result.row, annotationViewerOf(access), result.counts),
    submittedAt: result.submittedAt.toISOString(),
    revealed: result.revealed,
  };
}
