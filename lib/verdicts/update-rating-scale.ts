import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TeamCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { requireTeamAction } from "../teams/access.ts";
import { ZRatingScaleInput } from "../validation/verdicts.ts";
import { publishVerdicts } from "./live-verdicts.ts";
import { ensureRatingScale, type RatingScaleJson } from "./rating-scale.ts";
import { loadVerdicts, type VerdictJson } from "./verdict-json.ts";

/**
 * Replaces a team's rating scale (admins): items keep their id when sent with it (their verdicts
 * follow the new label, value and colour), new items are created, and items left out are deleted
 * unless a verdict uses them (409: change those verdicts first). Order is the array's order.
 * Audited as `rating_scale.update`; verdicts of a renamed or recoloured rating are republished live.
 * @throws AppError not_found | forbidden | invalid_input | conflict (a removed rating is in use)
 */
export async function updateRatingScale({ actor, teamSlug, input }: TeamCommand): Promise<RatingScaleJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.settings", {
    message: "Only admins change the rating scale",
  });
  const { items } = ZRatingScaleInput.parse(input);
  const teamId = access.team.id;
  const { after, restyled } = await db.$transaction(async (tx) => {
    const before = await ensureRatingScale(tx, teamId);
    const existing = new Set(before.items.map((item) => item.id));
    items.forEach((item, index) => {
      if (item.id && !existing.has(item.id)) {
        throw new AppError("invalid_input", `items.${index}.id: not a rating of this team's scale`);
      }
    });
    const kept = new Set(items.flatMap((item) => (item.id ? [item.id] : [])));
    const removed = before.items.filter((item) => !kept.has(item.id));
    if (removed.length > 0) {
      const used = await tx.verdict.groupBy({
        by: ["ratingId"],
        where: { ratingId: { in: removed.map((item) => item.id) } },
        _count: { _all: true },
      });
      if (used.length > 0) {
        const labels = removed
          .filter((item) => used.some((row) => row.ratingId === item.id))
          .map((i) => i.label);
        throw new AppError(
          "conflict",
          `${labels.join(", ")} ${labels.length === 1 ? "is" : "are"} used by verdicts; change those verdicts before removing ${labels.length === 1 ? "it" : "them"}`,
        );
      }
      await tx.ratingScaleItem.deleteMany({ where: { id: { in: removed.map((item) => item.id) } } });
    }
    for (const [position, item] of items.entries()) {
      const data = { label: item.label, value: item.value, colour: item.colour.toLowerCase(), position };
      if (item.id) await tx.ratingScaleItem.update({ where: { id: item.id }, data });
      else await tx.ratingScaleItem.create({ data: { ...data, teamId } });
    }
    const after = await ensureRatingScale(tx, teamId);
    await recordAuditEvent(tx, {
      teamId,
      actor,
      action: "rating_scale.update",
      entityType: "team",
      entityId: teamId,
      before: before.items,
      after: after.items,
    });
    // Ratings whose label, value or colour changed: their verdicts are shown differently now.
    const shownAs = (item: RatingScaleJson["items"][number]) =>
      JSON.stringify([item.label, item.value, item.colour]);
    const previous = new Map(before.items.map((item) => [item.id, shownAs(item)]));
    const restyled = after.items.filter(
      (item) => previous.has(item.id) && previous.get(item.id) !== shownAs(item),
    );
    return { after, restyled: restyled.map((item) => item.id) };
  });
  if (restyled.length > 0) await republishVerdictsOfRatings(teamId, restyled);
  return after;
}

/**
 * After a rating was renamed or recoloured, its verdicts are published again into the live state
 * of their articles, so every open page shows the new label without a reload.
 * @throws nothing beyond database errors (a failed publish is logged by publishVerdicts)
 */
async function republishVerdictsOfRatings(teamId: string, ratingIds: string[]): Promise<void> {
  const verdicts = await loadVerdicts(db, { teamId, ratingId: { in: ratingIds } });
  const byArticle = new Map<string, VerdictJson[]>();
  for (const verdict of verdicts) {
    byArticle.set(verdict.articleId, [...(byArticle.get(verdict.articleId) ?? []), verdict]);
  }
  for (const [articleId, upsert] of byArticle) await publishVerdicts(articleId, { upsert });
}
