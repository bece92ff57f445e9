import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import type { AnnotationStatus, Label } from "../generated/prisma/enums.ts";
import { labelName, statusName } from "../validation/annotations.ts";
import { annotationPageUrl, articlePageUrl } from "./event-links.ts";
import { eventActor } from "./record-event.ts";

/** The columns of an annotation that toEventAnnotation reads. */
export const EVENT_ANNOTATION_SELECT = {
  id: true,
  label: true,
  status: true,
  quote: true,
  note: true,
  start: true,
  end: true,
  author: { select: { id: true, name: true } },
} as const;

/** An annotation as events show it: its label, status, quote, note, offsets, author and page link. */
export function toEventAnnotation(
  annotation: {
    id: string;
    label: Label;
    status: AnnotationStatus;
    quote: string;
    note: string | null;
    start: number;
    end: number;
    author: { id: string; name: string };
  },
  teamSlug: string,
  articleId: string,
): Record<string, unknown> {
  return {
    id: annotation.id,
    label: labelName(annotation.label),
    status: statusName(annotation.status),
    quote: annotation.quote,
    note: annotation.note,
    start: annotation.start,
    end: annotation.end,
    author: annotation.author,
    url: annotationPageUrl(teamSlug, articleId, annotation.id),
  };
}

/**
 * Reads, inside the caller's transaction, what an annotation event shows of the annotation and
 * its article (ids, label, status, quote, note, links) and who acted (by name).
 * @throws Error when the annotation does not exist (the caller just wrote it)
 */
export async function loadAnnotationEventData(
  tx: Tx,
  annotationId: string,
  actor: Actor | null,
): Promise<Record<string, unknown>> {
  const annotation = await tx.annotation.findUniqueOrThrow({
    where: { id: annotationId },
    select: {
      ...EVENT_ANNOTATION_SELECT,
      orphaned: true,
      version: true,
      article: { select: { id: true, title: true, team: { select: { slug: true } } } },
    },
  });
  const slug = annotation.article.team.slug;
  const actorName = actor
    ? actor.kind === "user"
      ? actor.name
      : ((await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } }))?.name ?? null)
    : null;
  return {
    annotation: {
      ...toEventAnnotation(annotation, slug, annotation.article.id),
      orphaned: annotation.orphaned,
      version: annotation.version,
    },
    article: {
      id: annotation.article.id,
      title: annotation.article.title,
      url: articlePageUrl(slug, annotation.article.id),
    },
    actor: eventActor(actor, actorName),
  };
}
