import * as Y from "yjs";
import { publishAnnotations } from "../annotations/live-state.ts";
import type { Actor, ArticleTarget } from "../auth/actor.ts";
import { bodyDocumentName } from "../collab/document-name.ts";
import { getCollabInstance, isCollabShared, SERVER_CONTEXT } from "../collab/instance.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";
import { assertCan } from "../teams/access.ts";
import { applySourceText, type ParagraphChange } from "./apply-source-text.ts";
import { contentHash } from "./create-article.ts";
import { fetchArticlePage } from "./fetch-article-page.ts";
import { getArticleAccessOrThrow } from "./get-article.ts";
import { contentToDoc } from "./import-body.ts";
import { docToPlainText } from "./plain-text.ts";
import { loadArticleBodyState, type SourceUpdate, storeCorrectedBody } from "./store-corrected-body.ts";

/** What a source re-check found. */
export interface SourceRefreshResult {
  /** Whether the source's text differed from the article's (and the article was updated). */
  changed: boolean;
  fetchedAt: string;
  contentHash: string;
  /** The changed paragraphs, before and after (empty when unchanged). */
  paragraphs: ParagraphChange[];
  /** Highlights whose text changed (now orphaned with reason `source_changed`). */
  orphaned: { id: string; quote: string; authorId: string }[];
  bodyVersion: number | null;
}

/**
 * Applies the source's new version to the article through the same store as a moderator's
 * correction (storeCorrectedBody: snapshots, search vector, re-anchoring in one transaction): on
 * the live document when a collaboration server holds it (everyone connected sees the change),
 * otherwise on the stored state.
 */
async function applyToBody(
  articleId: string,
  next: ReturnType<typeof contentToDoc>,
  source: Omit<SourceUpdate, "paragraphs">,
) {
  const collab = getCollabInstance();
  const name = bodyDocumentName(articleId);
  if (collab && (collab.documents.has(name) || isCollabShared())) {
    const direct = await collab.openDirectConnection(name, { ...SERVER_CONTEXT });
    try {
      let paragraphs: ParagraphChange[] = [];
      await direct.transact((doc) => {
        paragraphs = applySourceText(doc, next);
      });
      if (paragraphs.length === 0 || !direct.document) return { paragraphs, stored: null };
      const stored = await storeCorrectedBody({
        articleId,
        ydoc: direct.document,
        editors: [],
        source: { ...source, paragraphs },
      });
      return { paragraphs, stored };
    } finally {
      await direct.disconnect();
    }
  }
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await loadArticleBodyState(articleId));
    const paragraphs = applySourceText(doc, next);
    if (paragraphs.length === 0) return { paragraphs, stored: null };
    const stored = await storeCorrectedBody({
      articleId,
      ydoc: doc,
      editors: [],
      source: { ...source, paragraphs },
    });
    return { paragraphs, stored };
  } finally {
    doc.destroy();
  }
}

/**
 * Re-checks an article imported from a URL: fetches the URL it was fetched from (not the
 * canonical one), extracts the story again, and when its text changed applies the change as a
 * correction, so that every other highlight keeps its exact place; highlights whose text changed
 * are orphaned with reason `source_changed` and their authors notified; the history records a
 * source update (fetch time, content hash, changed paragraphs). An unchanged source changes
 * nothing. Anyone who may import articles may ask (the text comes from the source, not from them);
 * `actor` null is the schedule.
 * @throws AppError not_found | forbidden | conflict (not imported from a URL, or archived) |
 *   fetch_* | not_an_article
 */
export async function refreshArticleSource({
  actor,
  articleId,
}: ArticleTarget): Promise<SourceRefreshResult> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "article.import", "Only annotators, moderators and admins can re-check a source");
  return refreshSourceOf(article, actor);
}

/** What a re-check reads of the article. */
interface RefreshableArticle {
  id: string;
  fetchedUrl: string | null;
  archivedAt: Date | null;
  sourceHash: string | null;
  bodyVersion: number | null;
}

/**
 * The team's scheduled re-check of one article (docs/EVIDENCE.md "Scheduling": the opt-in team
 * setting): the same re-check as `refreshArticleSource`, recorded as done by the schedule (no
 * actor). It reads the article without an actor's visibility: only the job queue calls it, with
 * ids the dispatcher took from the team's own live articles. A deleted article is skipped.
 * @throws AppError conflict (not imported from a URL, or archived) | fetch_* | not_an_article
 */
export async function refreshArticleSourceOnSchedule(articleId: string): Promise<SourceRefreshResult | null> {
  const article = await db.article.findFirst({
    where: { id: articleId, deletedAt: null },
    select: { id: true, fetchedUrl: true, archivedAt: true, sourceHash: true, bodyVersion: true },
  });
  return article ? refreshSourceOf(article, null) : null;
}

async function refreshSourceOf(
  article: RefreshableArticle,
  actor: Actor | null,
): Promise<SourceRefreshResult> {
  if (!article.fetchedUrl) {
    throw new AppError(
      "conflict",
      "This article was not imported from a URL, so there is no source to re-check",
    );
  }
  if (article.archivedAt) throw new AppError("conflict", "Archived articles are not re-checked");
  const page = await fetchArticlePage(article.fetchedUrl);
  const next = contentToDoc("html", page.article.html);
  const hash = contentHash(docToPlainText(next));
  const unchanged = {
    changed: false,
    fetchedAt: page.fetchedAt.toISOString(),
    contentHash: hash,
    paragraphs: [],
    orphaned: [],
    bodyVersion: article.bodyVersion,
  };
  if (hash === article.sourceHash) return unchanged;
  const { paragraphs, stored } = await applyToBody(article.id, next, {
    requestedBy: actor,
    fetchedUrl: page.fetchedUrl,
    fetchedAt: page.fetchedAt,
    contentHash: hash,
  });
  if (!stored) return unchanged;
  if (stored.reanchored.length > 0) {
    try {
      await publishAnnotations(article.id, { upsert: stored.reanchored });
    } catch (error) {
      getLogger().error(
        { err: error },
        `[source] publishing re-anchored annotations of ${article.id} failed`,
      );
    }
  }
  return {
    changed: true,
    fetchedAt: page.fetchedAt.toISOString(),
    contentHash: hash,
    paragraphs,
    orphaned: stored.reanchored
      .filter((annotation) => annotation.orphaned)
      .map((annotation) => ({ id: annotation.id, quote: annotation.quote, authorId: annotation.author.id })),
    bodyVersion: stored.bodyVersion,
  };
}
