import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { ArticleCommand } from "../auth/actor.ts";
import { signalAccessChange } from "../collab/signal-access-change.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";
import { assertCan } from "../teams/access.ts";
import { ZStartRoundInput } from "../validation/rounds.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import { ROUND_SELECT, type RoundJson, toRoundJson } from "./round-json.ts";

const OPEN_ROUND_EXISTS = "This article already has an open blind round; reveal it before starting another";

function isOpenRoundConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Starts a blind round on an article for chosen annotators (members with the annotator role):
 * until it is revealed each of them sees only their own annotations of the article, and the rest
 * of the team (moderators and admins aside) none of the round's. At most one open round per
 * article (a partial unique index makes a race lose with 409 too). Open connections of the
 * article are re-authorized at once (an annotator of the round viewing the team's annotations is
 * moved off them).
 * @throws AppError not_found | forbidden | invalid_input | conflict (archived, or a round is open)
 */
export async function startRound({ actor, articleId, input }: ArticleCommand): Promise<RoundJson> {
  const { article, access, actorName } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "round.manage");
  if (article.archivedAt)
    throw new AppError("conflict", "This article is archived; it can no longer be annotated");
  const parsed = ZStartRoundInput.parse(input);
  const members = await db.membership.findMany({
    where: { teamId: access.team.id, userId: { in: parsed.annotatorIds } },
    select: { userId: true, role: true },
  });
  const annotators = new Set(members.filter((m) => m.role === "ANNOTATOR").map((m) => m.userId));
  const stranger = parsed.annotatorIds.find((id) => !annotators.has(id));
  if (stranger)
    throw new AppError("invalid_input", `annotatorIds: ${stranger} is not an annotator of this team`);
  let row: Awaited<ReturnType<typeof createRound>>;
  try {
    row = await createRound();
  } catch (error) {
    if (isOpenRoundConflict(error)) throw new AppError("conflict", OPEN_ROUND_EXISTS);
    throw error;
  }
  // Nothing to republish: no annotation is in the round yet, so the team's view is unchanged, and
  // the round's documents are built when first opened (the moderators' with this round's progress).
  // A full view still held from an earlier round keeps that round's entries until each annotator's
  // first change; every entry carries its round, and the panel reads only its own round's.
  return toRoundJson(row, annotationViewerOf(access), new Map());

  async function createRound() {
    return db.$transaction(async (tx) => {
      const open = await tx.round.findFirst({
        where: { articleId: article.id, status: "OPEN" },
        select: { id: true },
      });
      if (open) throw new AppError("conflict", OPEN_ROUND_EXISTS);
      const round = await tx.round.create({
        data: {
          teamId: access.team.id,
          articleId: article.id,
          createdById: access.userId,
          dueAt: parsed.dueAt ? new Date(parsed.dueAt) : null,
          assignments: { create: parsed.annotatorIds.map((annotatorId) => ({ annotatorId })) },
        },
        select: ROUND_SELECT,
      });
      await recordAuditEvent(tx, {
        teamId: access.team.id,
        actor,
        action: "round.start",
        entityType: "round",
        entityId: round.id,
        after: { articleId: article.id, annotatorIds: parsed.annotatorIds, dueAt: parsed.dueAt ?? null },
      });
      await recordEvent(tx, {
        teamId: access.team.id,
        type: "round.started",
        data: {
          round: {
            id: round.id,
            dueAt: round.dueAt?.toISOString() ?? null,
            annotators: round.assignments.map((a) => a.annotator),
          },
          article: { id: article.id, url: articlePageUrl(access.team.slug, article.id) },
          actor: eventActor(actor, actorName),
        },
      });
      // Connections of this article are re-authorized: its annotators lose the team's view.
      await signalAccessChange(tx, { kind: "article", articleId: article.id });
      return round;
    });
  }
}
