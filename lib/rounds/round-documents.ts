import type { AnnotationsView } from "../collab/document-name.ts";
import { db } from "../db.ts";
import {
  type AnnotationViewer,
  FULL_VIEWER,
  type OpenRoundState,
  TEAM_VIEWER,
} from "./annotation-visibility.ts";

// Blind rounds break "one annotation document per article" (docs/COLLAB.md): each article has
// the team's view (`article.<id>.annotations`), the moderators' full view
// (`article.<id>.annotations.all`) and, for each annotator of its latest round, that annotator's
// view (`article.<id>.round.<round>.<user>`). The server writes them all; what each holds is
// decided by lib/rounds/annotation-visibility.ts for the viewer the document stands for.

/** The rounds of an article that decide its live annotation documents. */
export interface ArticleRoundFacts {
  /** The open round, if any (at most one per article). */
  openRound: OpenRoundState | null;
  /** The latest round whatever its status (its annotators' documents stay fed after the reveal). */
  latestRound: OpenRoundState | null;
}

/**
 * Reads the article's open and latest rounds with their annotators, in one query.
 * @throws nothing beyond database errors
 */
export async function loadArticleRoundFacts(articleId: string): Promise<ArticleRoundFacts> {
  const latest = await db.round.findFirst({
    where: { articleId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, assignments: { select: { annotatorId: true } } },
  });
  if (!latest) return { openRound: null, latestRound: null };
  const state = { id: latest.id, annotatorIds: latest.assignments.map((a) => a.annotatorId) };
  return { openRound: latest.status === "OPEN" ? state : null, latestRound: state };
}

/** The viewer whose annotations a live annotations document holds. */
export function viewerOfView(view: AnnotationsView): AnnotationViewer {
  if (view.kind === "all") return FULL_VIEWER;
  if (view.kind === "round") return { userId: view.userId, seesAll: false };
  return TEAM_VIEWER;
}

/**
 * The annotations document a member should open: moderators the full view while a round is
 * open, an annotator of the open round their own view, everyone else the team view.
 */
export function annotationsViewFor(
  viewer: AnnotationViewer,
  openRound: OpenRoundState | null,
): AnnotationsView {
  if (!openRound) return { kind: "team" };
  if (viewer.seesAll) return { kind: "all" };
  if (viewer.userId !== null && openRound.annotatorIds.includes(viewer.userId))
    return { kind: "round", roundId: openRound.id, userId: viewer.userId };
  return { kind: "team" };
}

/**
 * Whether a member may open an annotations document. Nobody may open a view that shows more
 * than their own: an annotator of the open round only their round view, other members the team
 * view. Moderators may always open the full view, and the team view only while no round is open
 * (when a round starts, their connection to it is closed and the page opens the full view, so
 * they see the round live). A round view is its annotator's alone.
 * @throws nothing (pure)
 */
export function mayOpenAnnotationsView(
  viewer: AnnotationViewer,
  view: AnnotationsView,
  facts: ArticleRoundFacts,
): boolean {
  switch (view.kind) {
    case "all":
      return viewer.seesAll;
    case "round":
      return (
        viewer.userId === view.userId &&
        facts.latestRound?.id === view.roundId &&
        facts.latestRound.annotatorIds.includes(view.userId)
      );
    case "team":
      return annotationsViewFor(viewer, facts.openRound).kind === "team";
  }
}

/** Every annotations document of an article that a live change may have to reach. */
export function articleAnnotationViews(facts: ArticleRoundFacts): AnnotationsView[] {
  const views: AnnotationsView[] = [{ kind: "team" }];
  if (!facts.latestRound) return views;
  views.push({ kind: "all" });
  const roundId = facts.latestRound.id;
  for (const userId of facts.latestRound.annotatorIds) views.push({ kind: "round", roundId, userId });
  return views;
}
