import { Prisma } from "../generated/prisma/client.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { inTeamWithRoleWhere } from "../teams/visibility.ts";

// The one rule of which annotations of a team someone sees, given that they see the team
// (lib/teams/visibility.ts decides that first). Blind rounds (docs/MODERATION.md) are the reason:
// - moderators and admins see every annotation, live, with who made what;
// - while an article has an OPEN round, an annotator assigned to it sees only their own
//   annotations of that article (theirs from the round and from before it);
// - everyone else sees every annotation except those of an OPEN round.
// The SQL condition, the Prisma `where` and the in-memory predicate below are the only spellings
// of that rule; the API, the server-painted page, exports, notifications, the moderation views,
// the dashboard and the live documents (lib/rounds/round-documents.ts) all go through them.

/** Whose view of annotations is being decided. `userId` null: nobody in particular (the team view). */
export interface AnnotationViewer {
  userId: string | null;
  /** Moderators and admins see everything, round annotations included. */
  seesAll: boolean;
}

/** Roles that see every annotation, rounds included (those who run rounds). */
const SEES_ALL: readonly Role[] = ["MODERATOR", "ADMIN"];

/** The viewer a team member (or their API token, which acts for them) is. */
export function annotationViewerOf(access: { userId: string; role: Role }): AnnotationViewer {
  return { userId: access.userId, seesAll: SEES_ALL.includes(access.role) };
}

/** The team view: what a member who is neither a moderator nor in an open round sees. */
export const TEAM_VIEWER: AnnotationViewer = { userId: null, seesAll: false };

/** The moderators' view: everything. */
export const FULL_VIEWER: AnnotationViewer = { userId: null, seesAll: true };

// A uuid no user has: the team viewer is assigned to no round and authored nothing.
const NOBODY = "00000000-0000-0000-0000-000000000000";

/**
 * The SQL condition (over the annotation alias `alias`, an identifier written in code) that
 * limits annotations to those `viewer` may see. `TRUE` for moderators.
 */
export function visibleAnnotationSql(viewer: AnnotationViewer, alias = "a"): Prisma.Sql {
  if (viewer.seesAll) return Prisma.sql`TRUE`;
  const a = Prisma.raw(alias);
  const userId = viewer.userId ?? NOBODY;
  return Prisma.sql`(${a}."authorId" = ${userId}::uuid OR (
    NOT EXISTS (SELECT 1 FROM "Round" vr WHERE vr.id = ${a}."roundId" AND vr.status = 'OPEN')
    AND NOT EXISTS (
      SELECT 1 FROM "Round" vr JOIN "RoundAssignment" va ON va."roundId" = vr.id
      WHERE vr."articleId" = ${a}."articleId" AND vr.status = 'OPEN' AND va."annotatorId" = ${userId}::uuid)))`;
}

/** The Prisma twin of visibleAnnotationSql (a `where` on Annotation). */
export function visibleAnnotationWhere(viewer: AnnotationViewer): Prisma.AnnotationWhereInput {
  if (viewer.seesAll) return {};
  const userId = viewer.userId ?? NOBODY;
  return {
    OR: [
      { authorId: userId },
      {
        AND: [
          { OR: [{ roundId: null }, { round: { status: { not: "OPEN" } } }] },
          {
            article: {
              rounds: { none: { status: "OPEN", assignments: { some: { annotatorId: userId } } } },
            },
          },
        ],
      },
    ],
  };
}

/** An article's open round as the in-memory rule needs it. */
export interface OpenRoundState {
  id: string;
  annotatorIds: readonly string[];
}

/**
 * The in-memory twin, for one article whose open round (if any) is `openRound`: whether `viewer`
 * sees an annotation (used to publish live changes to each live document).
 */
export function isAnnotationVisible(
  viewer: AnnotationViewer,
  annotation: { authorId: string; roundId: string | null },
  openRound: OpenRoundState | null,
): boolean {
  if (viewer.seesAll) return true;
  if (viewer.userId !== null && annotation.authorId === viewer.userId) return true;
  if (!openRound) return true;
  if (viewer.userId !== null && openRound.annotatorIds.includes(viewer.userId)) return false;
  return annotation.roundId !== openRound.id;
}

/**
 * The rule for a member across all their teams (a `where` on Annotation), where the role that
 * decides is theirs in each annotation's team: moderators and admins there see everything.
 */
export function visibleAnnotationForMemberWhere(userId: string): Prisma.AnnotationWhereInput {
  return {
    OR: [visibleAnnotationWhere({ userId, seesAll: false }), inTeamWithRoleWhere(userId, SEES_ALL)],
  };
}

/**
 * The SQL condition (over the annotation alias `alias`) that leaves out annotations of an open
 * round: they are not reviewed before the reveal, so the review queue and the disagreements
 * (moderators' views, who otherwise see everything) do not offer them.
 */
export function reviewableAnnotationSql(alias = "a"): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Round" vr WHERE vr.id = ${a}."roundId" AND vr.status = 'OPEN')`;
}
