import type { TeamTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { requireTeamAction } from "../teams/access.ts";
import { ensureRatingScale, type RatingScaleJson } from "./rating-scale.ts";

/**
 * A team's rating scale (the default one is created on first read), for any member.
 * @throws AppError not_found | forbidden (token without read)
 */
export async function getRatingScale({ actor, teamSlug }: TeamTarget): Promise<RatingScaleJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  return db.$transaction((tx) => ensureRatingScale(tx, access.team.id));
}
