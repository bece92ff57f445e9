import type { Actor } from "../../auth/actor.ts";
import { db } from "../../db.ts";
import { notFound } from "../../errors.ts";
import { assertCan } from "../../teams/access.ts";
import { getEvidenceAccessOrThrow } from "../remove-evidence.ts";
import { type SnapshotJson, toSnapshotJson } from "./snapshot-json.ts";

/**
 * Proofmark's snapshot of an evidence item's page, for anyone who may read the team (viewers
 * too). While the page is being archived the answer is the snapshot with `state: "archiving"`
 * and no text; an item without a snapshot (an internal target, or cited before archiving
 * existed) is 404.
 * @throws AppError not_found (also another team's evidence) | forbidden (token without read)
 */
export async function getEvidenceSnapshot({
  actor,
  evidenceId,
  teamSlug,
}: {
  actor: Actor;
  evidenceId: string;
  /** The team of the page's URL: an item of another of the actor's teams is not found there. */
  teamSlug?: string;
}): Promise<SnapshotJson & { annotationId: string; articleId: string }> {
  const { evidence, access } = await getEvidenceAccessOrThrow(actor, evidenceId);
  if (teamSlug !== undefined && teamSlug !== access.team.slug) throw notFound("Evidence");
  assertCan(access, "team.read");
  const row = await db.evidenceSnapshot.findUnique({ where: { evidenceId: evidence.id } });
  if (!row) throw notFound("Snapshot");
  return {
    ...toSnapshotJson(row, evidence.quote),
    annotationId: evidence.annotation.id,
    articleId: evidence.annotation.articleId,
  };
}
