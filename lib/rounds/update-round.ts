import { republishAnnotationDocuments } from "../annotations/live-state.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../teams/access.ts";
import { ZUpdateRoundInput } from "../validation/rounds.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import { getRoundAccessOrThrow } from "./get-round.ts";
import { roundProgressChange } from "./live-round-progress.ts";
import { revealRoundInTx } from "./reveal-round.ts";
import { countRoundAnnotations, ROUND_SELECT, type RoundJson, toRoundJson } from "./round-json.ts";

/**
 * A moderator changes a round: extends (or clears) the due date of an open round, reveals an
 * open round (`status: "revealed"`, closing it to annotation before everyone submitted), or marks
 * a revealed round closed once adjudicated (`status: "closed"`).
 * @throws AppError not_found | forbidden | invalid_input | conflict (the status does not allow it)
 */
export async function updateRound({
  actor,
  roundId,
  input,
}: {
  actor: Actor;
  roundId: string;
  input: unknown;
}): Promise<RoundJson> {
  const { round, access } = await getRoundAccessOrThrow(actor, roundId);
  assertCan(access, "round.manage");
  const parsed = ZUpdateRoundInput.parse(input);
  if (parsed.dueAt !== undefined && round.status !== "OPEN")
    throw new AppError("conflict", "Only an open round's due date can change");
  if (parsed.status === "revealed" && round.status !== "OPEN")
    throw new AppError("conflict", "This round is no longer open");
  if (parsed.status === "closed" && round.status !== "REVEALED")
    throw new AppError("conflict", "Only a revealed round can be closed; reveal it first");
  const row = await db.$transaction(async (tx) => {
    if (parsed.dueAt !== undefined) {
      const dueAt = parsed.dueAt ? new Date(parsed.dueAt) : null;
      await tx.round.update({ where: { id: round.id }, data: { dueAt } });
      await recordAuditEvent(tx, {
        teamId: round.teamId,
        actor,
        action: "round.update",
        entityType: "round",
        entityId: round.id,
        before: { dueAt: round.dueAt?.toISOString() ?? null },
        after: { dueAt: dueAt?.toISOString() ?? null },
      });
    }
    if (parsed.status === "revealed") {
      const actorName =
        (await tx.user.findUnique({ where: { id: access.userId }, select: { name: true } }))?.name ?? null;
      await revealRoundInTx(tx, { actor, actorName, round, teamSlug: access.team.slug, reason: "closed" });
    }
    if (parsed.status === "closed") {
      const closed = await tx.round.updateMany({
        where: { id: round.id, status: "REVEALED" },
        data: { status: "CLOSED", closedAt: new Date() },
      });
      if (closed.count === 0) throw new AppError("conflict", "Only a revealed round can be closed");
      await recordAuditEvent(tx, {
        teamId: round.teamId,
        actor,
        action: "round.close",
        entityType: "round",
        entityId: round.id,
        after: { status: "closed" },
      });
    }
    return tx.round.findUniqueOrThrow({ where: { id: round.id }, select: ROUND_SELECT });
  });
  // A reveal rebuilds every view, the moderators' progress included (its final state). A new due
  // date or closing a revealed round moves nobody's progress: nothing to publish for them.
  if (parsed.status === "revealed")
    await republishAnnotationDocuments(round.articleId, roundProgressChange(round.articleId));
  return toRoundJson(row, annotationViewerOf(access), await countRoundAnnotations(db, [round.id]));
}
