import type { AnnotationTarget } from "../auth/actor.ts";
import { db } from "../db.ts";
import { assertCan } from "../teams/access.ts";
import { getAnnotationAccessOrThrow } from "./get-annotation.ts";

/** One entry of an annotation's timeline, read from the append-only audit log. */
export interface AnnotationHistoryEntry {
  id: string;
  /** `annotation.create`, `annotation.update`, `annotation.approve`, `annotation.reject`,
   * `annotation.relabel`, `annotation.reanchor`..., `evidence.add`, `evidence.remove`,
   * `reply.create`, `reply.update`. */
  action: string;
  at: string;
  actor: { id: string; name: string } | null;
  /** Set when the change came through an API token. */
  viaToken: boolean;
  before: unknown;
  after: unknown;
  /** The moderator's reason, for review decisions. */
  reason: string | null;
}

/**
 * The timeline of an annotation: its own changes and decisions plus those of its evidence and
 * replies (who, what, when, why), oldest first. Visible to every member of its team.
 * @throws AppError not_found | forbidden (token without read)
 */
export async function listAnnotationHistory({
  actor,
  annotationId,
}: AnnotationTarget): Promise<AnnotationHistoryEntry[]> {
  const { annotation, access } = await getAnnotationAccessOrThrow(actor, annotationId);
  assertCan(access, "team.read");
  const [evidence, replies] = await Promise.all([
    db.evidence.findMany({ where: { annotationId: annotation.id }, select: { id: true } }),
    db.reply.findMany({ where: { annotationId: annotation.id }, select: { id: true } }),
  ]);
  const events = await db.auditEvent.findMany({
    where: {
      teamId: access.team.id,
      OR: [
        { entityType: "annotation", entityId: annotation.id },
        { entityType: "evidence", entityId: { in: evidence.map((row) => row.id) } },
        { entityType: "reply", entityId: { in: replies.map((row) => row.id) } },
      ],
    },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: { id: "asc" },
  });
  return events.map((event) => {
    const after = (event.after ?? null) as Record<string, unknown> | null;
    return {
      id: event.id.toString(),
      action: event.action,
      at: event.createdAt.toISOString(),
      actor: event.actor,
      viaToken: event.tokenId !== null,
      before: event.before,
      after: event.after,
      reason: typeof after?.reason === "string" ? after.reason : null,
    };
  });
}
