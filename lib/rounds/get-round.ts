import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { assertCan, getTeamAccessOrThrow, type TeamAccess } from "../teams/access.ts";
import { inVisibleTeamWhere } from "../teams/visibility.ts";
import { ZUuid } from "../validation/articles.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import {
  countRoundAnnotations,
  ROUND_SELECT,
  type RoundJson,
  type RoundRow,
  toRoundJson,
} from "./round-json.ts";

/**
 * Finds a round of a live article in one of the actor's teams (another team's, or one of a
 * deleted article: 404) with the actor's access to that team.
 * @throws AppError not_found
 */
export async function getRoundAccessOrThrow(
  actor: Actor,
  roundId: string,
): Promise<{ round: RoundRow; access: TeamAccess }> {
  if (!ZUuid.safeParse(roundId).success) throw notFound("Round");
  const round = await db.round.findFirst({
    where: { id: roundId, article: { deletedAt: null }, ...inVisibleTeamWhere(actor) },
    select: ROUND_SELECT,
  });
  if (!round) throw notFound("Round");
  const access = await getTeamAccessOrThrow(actor, { id: round.teamId });
  return { round, access };
}

/**
 * Reads one round with its progress: moderators and admins see every annotator's, an annotator
 * only their own, other members nobody's.
 * @throws AppError not_found | forbidden (token without read)
 */
export async function getRound({ actor, roundId }: { actor: Actor; roundId: string }): Promise<RoundJson> {
  const { round, access } = await getRoundAccessOrThrow(actor, roundId);
  assertCan(access, "team.read");
  return toRoundJson(round, annotationViewerOf(access), await countRoundAnnotations(db, [round.id]));
}
