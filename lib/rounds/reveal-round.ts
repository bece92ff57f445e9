import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import { AppError } from "../errors.ts";
import { EVENT_ANNOTATION_SELECT, toEventAnnotation } from "../events/event-data.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";

/**
 * Reveals an open round inside the caller's transaction (every annotator submitted, or a
 * moderator closed it): from now on its annotations are visible to the team, frozen, and ready
 * for adjudication. Records the audit event and the `round.revealed` event, which carries the
 * round's annotations (they were kept out of the event feed while the round was blind). The
 * caller republishes the live documents after the commit.
 * @throws AppError conflict (the round is no longer open)
 */
export async function revealRoundInTx(
  tx: Tx,
  {
    actor,
    actorName,
    round,
    teamSlug,
    reason,
  }: {
    actor: Actor | null;
    actorName: string | null;
    round: { id: string; teamId: string; articleId: string };
    teamSlug: string;
    reason: "submitted" | "closed";
  },
): Promise<Date> {
  const revealedAt = new Date();
  const updated = await tx.round.updateMany({
    where: { id: round.id, status: "OPEN" },
    data: { status: "REVEALED", revealedAt },
  });
  if (updated.count === 0) throw new AppError("conflict", "This round is no longer open");
  await recordAuditEvent(tx, {
    teamId: round.teamId,
    actor,
    action: "round.reveal",
    entityType: "round",
    entityId: round.id,
    after: { status: "revealed", reason },
  });
  const [article, annotations] = await Promise.all([
    tx.article.findUniqueOrThrow({ where: { id: round.articleId }, select: { id: true, title: true } }),
    tx.annotation.findMany({
      where: { roundId: round.id, deletedAt: null },
      orderBy: [{ start: "asc" }, { id: "asc" }],
      select: EVENT_ANNOTATION_SELECT,
    }),
  ]);
  await recordEvent(tx, {
    teamId: round.teamId,
    type: "round.revealed",
    data: {
      round: { id: round.id, reason },
      article: { id: article.id, title: article.title, url: articlePageUrl(teamSlug, article.id) },
      annotations: annotations.map((annotation) => toEventAnnotation(annotation, teamSlug, article.id)),
      actor: eventActor(actor, actorName),
    },
  });
  return revealedAt;
}
