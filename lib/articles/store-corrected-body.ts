import * as Y from "yjs";
import { resolveAnchor, ZAnchor } from "../anchors/anchor.ts";
import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { notFound } from "../errors.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import type { ParagraphChange } from "./apply-source-text.ts";
import { BODY_FIELD, yDocToBody } from "./body-document.ts";
import { MAX_ARTICLE_BYTES } from "./import-body.ts";
import { docToPlainText } from "./plain-text.ts";
import { updateSearchVector } from "./search-vector.ts";
import { summariseTextChange } from "./text-diff.ts";

/** The orphan reason of a highlight whose text changed at the article's source. */
export const SOURCE_CHANGED = "source_changed";

function clipExcerpt(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

/**
 * A correction that came from the article's source (a re-check of the URL it was fetched from)
 * rather than from a person: recorded as one `article.source_update` event with the fetch time,
 * the content hash and the changed paragraphs; highlights it orphans get the reason
 * `source_changed` and their authors a notification.
 */
export interface SourceUpdate {
  /** Who asked for the re-check (null: the schedule). */
  requestedBy: Actor | null;
  fetchedUrl: string;
  fetchedAt: Date;
  contentHash: string;
  paragraphs: ParagraphChange[];
}

/** The result of storing a live body: whether anything changed, the new body version, re-anchored annotations. */
export interface StoredBody {
  changed: boolean;
  bodyVersion: number;
  /** Annotations whose place, context or orphaned state changed (to publish after commit). */
  reanchored: AnnotationJson[];
}

/**
 * Stores the live body of an article (its Yjs state) with fresh snapshots (ProseMirror JSON,
 * plain text, search vector) and one `article.correct` audit event per person who corrected it
 * since the last save, with the changed passage. The stored state is merged in first (see below).
 * Access is checked when the collaboration
 * server admits a connection: only writable (moderator/admin) connections change the body.
 * @throws Error when the database is unavailable (the caller retries; nothing is half-written)
 */
export async function storeCorrectedBody({
  articleId,
  ydoc,
  editors,
  source,
}: {
  articleId: string;
  ydoc: Y.Doc;
  editors: readonly Actor[];
  /** Set when the change came from the article's source (lib/articles/refresh-article-source.ts). */
  source?: SourceUpdate;
}): Promise<StoredBody> {
  return db.$transaction(async (tx) => {
    // Row lock: two instances storing the same article at once (Redis unreachable, so no Redis
    // lock) take turns, and the second merges what the first wrote instead of overwriting it.
    // NO KEY UPDATE is the lock the UPDATE below takes anyway; it does not block annotation inserts.
    await tx.$executeRaw`SELECT 1 FROM "Article" WHERE "id" = ${articleId}::uuid FOR NO KEY UPDATE`;
    const current = await tx.article.findUnique({
      where: { id: articleId },
      select: {
        text: true,
        teamId: true,
        bodyVersion: true,
        deletedAt: true,
        ydoc: true,
        title: true,
        team: { select: { slug: true } },
      },
    });
    if (!current || current.deletedAt)
      return { changed: false, bodyVersion: current?.bodyVersion ?? 0, reanchored: [] };
    // Another instance may have stored edits this one never received (Redis was unreachable):
    // merge the stored state in first, so one instance's store never drops another's edits.
    // A no-op when this document already has everything (the usual case); Yjs merges are idempotent.
    Y.applyUpdate(ydoc, current.ydoc);
    const body = yDocToBody(ydoc);
    const text = docToPlainText(body);
    if (Buffer.byteLength(text, "utf8") > MAX_ARTICLE_BYTES * 2) {
      throw new Error(`article ${articleId}: corrected body exceeds the size limit; not stored`);
    }
    const state = new Uint8Array(Y.encodeStateAsUpdate(ydoc));
    const change = summariseTextChange(current.text, text);
    const updated = await tx.article.update({
      where: { id: articleId },
      data: {
        ydoc: state,
        contentJson: body.toJSON(),
        text,
        bodyVersion: { increment: 1 },
        ...(source ? { sourceFetchedAt: source.fetchedAt, sourceHash: source.contentHash } : {}),
      },
      select: { bodyVersion: true },
    });
    if (change) await updateSearchVector(tx, articleId);
    for (const editor of editors) {
      await recordAuditEvent(tx, {
        teamId: current.teamId,
        actor: editor,
        action: "article.correct",
        entityType: "article",
        entityId: articleId,
        before: change ? { text: change.removed, length: current.text.length } : undefined,
        after: change
          ? { at: change.at, text: change.inserted, length: text.length, bodyVersion: updated.bodyVersion }
          : { bodyVersion: updated.bodyVersion, formattingOnly: true },
      });
    }
    if (source) {
      await recordAuditEvent(tx, {
        teamId: current.teamId,
        actor: source.requestedBy,
        action: "article.source_update",
        entityType: "article",
        entityId: articleId,
        before: { length: current.text.length },
        after: {
          fetchedUrl: source.fetchedUrl,
          fetchedAt: source.fetchedAt.toISOString(),
          contentHash: source.contentHash,
          length: text.length,
          bodyVersion: updated.bodyVersion,
          paragraphs: source.paragraphs.map((paragraph) => ({
            before: paragraph.before === null ? null : clipExcerpt(paragraph.before),
            after: paragraph.after === null ? null : clipExcerpt(paragraph.after),
          })),
        },
      });
    }
    const reanchored = change
      ? await reanchorAnnotations(
          tx,
          articleId,
          ydoc,
          text,
          source ? source.requestedBy : (editors[0] ?? null),
          source,
        )
      : [];
    await recordEvent(tx, {
      teamId: current.teamId,
      type: "article.updated",
      data: {
        article: { id: articleId, title: current.title, url: articlePageUrl(current.team.slug, articleId) },
        change: change
          ? {
              kind: source ? "source_update" : "correction",
              at: change.at,
              removed: change.removed,
              inserted: change.inserted,
            }
          : { kind: "formatting" },
        bodyVersion: updated.bodyVersion,
        editors: editors.map((editor) => eventActor(editor, editor.kind === "user" ? editor.name : null)),
      },
    });
    return { changed: change !== null, bodyVersion: updated.bodyVersion, reanchored };
  });
}

/**
 * Moves every annotation of the article to where its text now is, or marks it orphaned when
 * its text was deleted or changed (never re-attached to a lookalike elsewhere).
 */
async function reanchorAnnotations(
  tx: Tx,
  articleId: string,
  ydoc: Y.Doc,
  text: string,
  actor: Actor | null,
  source?: SourceUpdate,
) {
  const fragment = ydoc.getXmlFragment(BODY_FIELD);
  const annotations = await tx.annotation.findMany({
    where: { articleId, deletedAt: null },
    include: ANNOTATION_INCLUDE,
  });
  const changed: AnnotationJson[] = [];
  for (const annotation of annotations) {
    const anchor = ZAnchor.safeParse(annotation.anchor);
    const span = anchor.success ? resolveAnchor(ydoc, fragment, anchor.data, annotation.quote, text) : null;
    if (span) {
      const same =
        !annotation.orphaned &&
        span.start === annotation.start &&
        span.end === annotation.end &&
        span.prefix === annotation.prefix &&
        span.suffix === annotation.suffix;
      if (same) continue;
      const row = await tx.annotation.update({
        where: { id: annotation.id },
        data: {
          start: span.start,
          end: span.end,
          prefix: span.prefix,
          suffix: span.suffix,
          orphaned: false,
          orphanReason: null,
        },
        include: ANNOTATION_INCLUDE,
      });
      if (annotation.orphaned) {
        await recordAuditEvent(tx, {
          teamId: annotation.teamId,
          actor,
          action: "annotation.reattach",
          entityType: "annotation",
          entityId: annotation.id,
          after: { start: span.start, end: span.end },
        });
      }
      changed.push(toAnnotationJson(row));
    } else if (!annotation.orphaned) {
      const row = await tx.annotation.update({
        where: { id: annotation.id },
        data: { orphaned: true, orphanReason: source ? SOURCE_CHANGED : "corrected" },
        include: ANNOTATION_INCLUDE,
      });
      await recordAuditEvent(tx, {
        teamId: annotation.teamId,
        actor,
        action: "annotation.orphan",
        entityType: "annotation",
        entityId: annotation.id,
        before: { quote: annotation.quote, start: annotation.start, end: annotation.end },
        after: { reason: source ? SOURCE_CHANGED : "corrected" },
      });
      if (source) {
        await notifyUser(tx, {
          userId: annotation.authorId,
          teamId: annotation.teamId,
          annotationId: annotation.id,
          kind: "annotation.source_changed",
          payload: {
            articleId,
            quote: clipExcerpt(annotation.quote),
            fetchedAt: source.fetchedAt.toISOString(),
          },
        });
      }
      changed.push(toAnnotationJson(row));
    }
  }
  return changed;
}

/**
 * Loads an article's stored Yjs body state for the collaboration server (access was checked
 * when the connection was admitted).
 * @throws AppError not_found when the article is gone; Error when the database is unavailable
 */
export async function loadArticleBodyState(articleId: string): Promise<Uint8Array> {
  const article = await db.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: { ydoc: true },
  });
  if (!article) throw notFound("Article");
  return article.ydoc;
}
