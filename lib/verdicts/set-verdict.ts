import { getAnnotationAccessOrThrow } from "../annotations/get-annotation.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { AnnotationCommand } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { loadAnnotationEventData } from "../events/event-data.ts";
import { recordEvent } from "../events/record-event.ts";
import { assertCan } from "../teams/access.ts";
import { labelName, statusName } from "../validation/annotations.ts";
import { type TVerdictInput, ZVerdictInput } from "../validation/verdicts.ts";
import { publishVerdicts } from "./live-verdicts.ts";
import { ensureRatingScale, type RatingJson } from "./rating-scale.ts";
import { VERDICT_AUDIT_INCLUDE, verdictAuditState } from "./verdict-audit.ts";
import { loadVerdicts, type VerdictJson } from "./verdict-json.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function findRating(items: RatingJson[], rating: string): RatingJson {
  const wanted = rating.toLowerCase();
  const found = UUID.test(rating)
    ? items.find((item) => item.id === wanted)
    : items.find((item) => item.label.toLowerCase() === wanted);
  if (!found) {
    throw new AppError(
      "invalid_input",
      `rating: not a rating of this team's scale (${items.map((item) => item.label).join(", ")})`,
    );
  }
  return found;
}

/**
 * Gives or changes the verdict on an approved fact annotation (moderators and admins): a rating
 * of the team's scale, a Markdown conclusion and at least one evidence item of that annotation.
 * The annotation row is locked while it is checked, so a concurrent relabel or rejection either
 * comes first (409 here) or withdraws this verdict after. Audited on the annotation's history;
 * published live after commit.
 * @throws AppError not_found | forbidden | invalid_input | conflict (not an approved fact)
 */
export async function setVerdict({
  actor,
  annotationId,
  input,
}: AnnotationCommand): Promise<{ verdict: VerdictJson; created: boolean }> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "verdict.write", "Only moderators and admins give verdicts");
  const parsed: TVerdictInput = ZVerdictInput.parse(input);
  const result = await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ label: string; status: string; deletedAt: Date | null }[]>`
      SELECT label::text AS label, status::text AS status, "deletedAt" FROM "Annotation"
      WHERE id = ${annotation.id}::uuid FOR UPDATE`;
    if (!current || current.deletedAt) throw new AppError("not_found", "Annotation not found");
    if (current.label !== "FACT" || current.status !== "APPROVED") {
      throw new AppError(
        "conflict",
        `Only an approved fact passage can get a verdict; this one is ${statusName(current.status as "PENDING")} ${labelName(current.label as "FACT")}`,
      );
    }
    const scale = await ensureRatingScale(tx, annotation.teamId);
    const rating = findRating(scale.items, parsed.rating);
    const evidence = await tx.evidence.findMany({
      where: { id: { in: parsed.evidenceIds }, annotationId: annotation.id, deletedAt: null },
      select: { id: true },
    });
    const found = new Set(evidence.map((item) => item.id));
    const missing = parsed.evidenceIds.findIndex((id) => !found.has(id));
    if (missing >= 0) {
      throw new AppError("invalid_input", `evidenceIds.${missing}: not an evidence item of this passage`);
    }
    const before = await tx.verdict.findUnique({
      where: { annotationId: annotation.id },
      include: VERDICT_AUDIT_INCLUDE,
    });
    const data = {
      ratingId: rating.id,
      conclusion: parsed.conclusion,
      evidenceIds: parsed.evidenceIds,
      authorId: access.userId,
    };
    const saved = before
      ? await tx.verdict.update({ where: { id: before.id }, data })
      : await tx.verdict.create({
          data: { ...data, teamId: annotation.teamId, annotationId: annotation.id },
        });
    await recordAuditEvent(tx, {
      teamId: annotation.teamId,
      actor,
      action: before ? "verdict.update" : "verdict.create",
      entityType: "annotation",
      entityId: annotation.id,
      before: before ? verdictAuditState(before) : null,
      after: verdictAuditState({
        id: saved.id,
        rating,
        conclusion: parsed.conclusion,
        evidenceIds: parsed.evidenceIds,
      }),
    });
    await recordEvent(tx, {
      teamId: annotation.teamId,
      type: "verdict.published",
      data: {
        ...(await loadAnnotationEventData(tx, annotation.id, actor)),
        verdict: {
          id: saved.id,
          change: before ? "updated" : "created",
          rating: rating.label,
          ratingValue: rating.value,
          conclusion: parsed.conclusion,
          evidenceIds: parsed.evidenceIds,
        },
      },
    });
    const [verdict] = await loadVerdicts(tx, { id: saved.id });
    return { verdict: verdict!, created: !before };
  });
  await publishVerdicts(annotation.articleId, { upsert: [result.verdict] });
  return result;
}
