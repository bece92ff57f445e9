import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db.ts";
import { labelName } from "../validation/annotations.ts";
import { annotationPageUrl, articlePageUrl } from "./event-links.ts";
import { eventActor } from "./record-event.ts";

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
      id: true,
      label: true,
      status: true,
      quote: true,
      note: true,
      start: true,
      end: true,
      orphaned: true,
      version: true,
      author: { select: { id: true, name: true } },
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
      id: annotation.id,
      label: labelName(annotation.label),
      status: annotation.status.toLowerCase(),
      quote: annotation.quote,
      note: annotation.note,
      start: annotation.start,
      end: annotation.end,
      orphaned: annotation.orphaned,
      version: annotation.version,
      author: annotation.author,
      url: annotationPageUrl(slug, annotation.article.id, annotation.id),
    },
    article: {
      id: annotation.article.id,
      title: annotation.article.title,
      url: articlePageUrl(slug, annotation.article.id),
    },
    actor: eventActor(actor, actorName),
  };
}
