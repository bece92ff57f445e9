import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import type { ArticleTarget } from "../auth/actor.ts";
import { annotationsViewDocumentName } from "../collab/document-name.ts";
import { db } from "../db.ts";
import { can } from "../policies/team.ts";
import { assertCan } from "../teams/access.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import { listRounds } from "./list-rounds.ts";
import { annotationsViewFor } from "./round-documents.ts";
import type { RoundJson } from "./round-json.ts";

/** What the article page shows of blind rounds to one reader. */
export interface RoundPageState {
  /** The open round, if any (its progress as this reader may see it). */
  open: RoundJson | null;
  /** The latest round whatever its status (for the adjudication link). */
  latest: RoundJson | null;
  /** The reader's own assignment in the open round. */
  mine: { submittedAt: string | null; annotations: number } | null;
  /** The live annotations document of this reader's view. */
  annotationsDocument: string;
  /** Moderators and admins: who may be assigned to a new round (the team's annotators). */
  candidates: { id: string; name: string }[] | null;
}

/**
 * The article page's blind-round state for the reader: the open and latest rounds, their own
 * assignment, which live annotations document to open, and (for moderators) the annotators a
 * new round may be given.
 * @throws AppError not_found | forbidden
 */
export async function getRoundPageState({ actor, articleId }: ArticleTarget): Promise<RoundPageState> {
  const { article, access } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "team.read");
  const rounds = await listRounds({ actor, articleId: article.id });
  const latest = rounds[0] ?? null;
  const open = latest?.status === "open" ? latest : null;
  const own = open?.assignments.find((assignment) => assignment.annotator.id === access.userId) ?? null;
  const viewer = annotationViewerOf(access);
  // Every assignment of the open round is needed to choose the view; the JSON may hide others'.
  const openAssignees = open
    ? (await db.roundAssignment.findMany({ where: { roundId: open.id }, select: { annotatorId: true } })).map(
        (assignment) => assignment.annotatorId,
      )
    : [];
  const view = annotationsViewFor(viewer, open ? { id: open.id, annotatorIds: openAssignees } : null);
  const candidates = can(access, "round.manage")
    ? (
        await db.membership.findMany({
          where: { teamId: access.team.id, role: "ANNOTATOR", user: { disabledAt: null } },
          select: { user: { select: { id: true, name: true } } },
          orderBy: { user: { name: "asc" } },
        })
      ).map((membership) => membership.user)
    : null;
  return {
    open,
    latest,
    mine: own ? { submittedAt: own.submittedAt, annotations: own.annotations } : null,
    annotationsDocument: annotationsViewDocumentName(article.id, view),
    candidates,
  };
}
