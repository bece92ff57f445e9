// Fixtures for verdicts and publication: an approved fact with evidence, and a verdict on it,
// written straight to the database of the test file.
import { randomUUID } from "node:crypto";
import type { UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { ensureRatingScale } from "../../lib/verdicts/rating-scale.ts";
import { createMarkedAnnotation } from "./isolation-fixtures.ts";

/** A fresh annotation made an approved fact, with one corroborating external source. */
export async function insertApprovedFact(
  author: UserActor,
  articleId: string,
  quote: string,
): Promise<{ annotationId: string; evidenceId: string }> {
  const annotationId = await createMarkedAnnotation(author, articleId, quote);
  await db.annotation.update({ where: { id: annotationId }, data: { label: "FACT", status: "APPROVED" } });
  const evidence = await db.evidence.create({
    data: {
      annotationId,
      relation: "CORROBORATES",
      url: `https://example.org/${randomUUID()}`,
      title: "A source",
      addedById: author.userId,
    },
  });
  return { annotationId, evidenceId: evidence.id };
}

/** A verdict (the scale's first rating) on an approved fact, by `authorId`. */
export async function insertVerdict(
  fact: { annotationId: string; evidenceId: string },
  authorId: string,
  conclusion = "A conclusion.",
): Promise<string> {
  const annotation = await db.annotation.findUniqueOrThrow({ where: { id: fact.annotationId } });
  const scale = await db.$transaction((tx) => ensureRatingScale(tx, annotation.teamId));
  const verdict = await db.verdict.create({
    data: {
      teamId: annotation.teamId,
      annotationId: fact.annotationId,
      ratingId: scale.items[0]!.id,
      conclusion,
      evidenceIds: [fact.evidenceId],
      authorId,
    },
  });
  return verdict.id;
}
