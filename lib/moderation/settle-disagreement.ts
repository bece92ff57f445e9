import type { AnnotationJson } from "../annotations/annotation-json.ts";
import type { TeamCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { notFound } from "../errors.ts";
import { applyReviewsAtomically } from "../reviews/review-annotations-bulk.ts";
import { requireTeamAction } from "../teams/access.ts";
import { labelName } from "../validation/annotations.ts";
import { ZSettleDisagreementInput } from "../validation/reviews.ts";

/**
 * Settles a disagreement in one step: the chosen label wins for every annotation of the group,
 * so tags with that label are approved and the others relabelled to it, with the reason, all in
 * one transaction (all or none). Tags already approved with that label are left as they are.
 * @throws AppError not_found | forbidden (incl. one's own tag in the group) | invalid_input | version_conflict
 */
export async function settleDisagreement({ actor, teamSlug, input }: TeamCommand): Promise<AnnotationJson[]> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "annotation.review");
  const parsed = ZSettleDisagreementInput.parse(input);
  const ids = [...new Set(parsed.annotationIds)];
  const current = await db.annotation.findMany({
    where: { id: { in: ids }, teamId: access.team.id, deletedAt: null },
    select: { id: true, label: true, status: true },
  });
  if (current.length !== ids.length) throw notFound("Annotation");
  const items = current
    .filter((row) => !(row.status === "APPROVED" && labelName(row.label) === parsed.label))
    .map((row) => ({
      annotationId: row.id,
      input:
        labelName(row.label) === parsed.label
          ? { decision: "approve" as const, reason: parsed.reason }
          : { decision: "relabel" as const, label: parsed.label, reason: parsed.reason },
    }));
  if (items.length === 0) return [];
  return applyReviewsAtomically({ actor, access, items });
}
