import { createHash } from "node:crypto";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TeamCommand } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";
import type { ArticleFormat } from "../generated/prisma/enums.ts";
import { requireTeamAction } from "../teams/access.ts";
import { ZCreateArticleInput } from "../validation/articles.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";
import { docToYUpdate } from "./body-document.ts";
import { type ArticleSourceFormat, contentToDoc } from "./import-body.ts";
import { detectLanguage } from "./language.ts";
import { docToPlainText } from "./plain-text.ts";
import { prepareImport } from "./prepare-import.ts";
import { updateSearchLanguage } from "./search-vector.ts";

const FORMATS: Record<ArticleSourceFormat, ArticleFormat> = {
  text: "TEXT",
  html: "HTML",
  markdown: "MARKDOWN",
};

export interface InsertArticleData {
  teamId: string;
  importedById: string;
  title: string;
  byline?: string | null;
  sourceUrl?: string | null;
  publishedAt?: Date | null;
  /** A BCP 47 tag; when absent it is detected from the text (null when undetermined). */
  language?: string | null;
  format: ArticleSourceFormat;
  content: string;
  /** The format recorded on the article when it differs from how `content` is read (URL, PDF). */
  storedFormat?: ArticleFormat;
  /** Where and when a URL import fetched its page (kept for source re-checks). */
  fetchedUrl?: string | null;
  sourceFetchedAt?: Date | null;
}

/** The sha256 (hex) of an article's plain text: a source re-check compares it. */
export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Builds the body (Yjs state, ProseMirror JSON, plain text) from imported content and inserts
 * the article with its language's search configuration and search vector. No access check:
 * callers check (or are the seed).
 * @throws AppError too_large | invalid_input from the importer
 */
export async function insertArticle(tx: Tx, data: InsertArticleData) {
  const doc = contentToDoc(data.format, data.content);
  const text = docToPlainText(doc);
  const language = data.language ?? detectLanguage(`${data.title}\n${text}`);
  const article = await tx.article.create({
    data: {
      teamId: data.teamId,
      importedById: data.importedById,
      title: data.title,
      byline: data.byline ?? null,
      sourceUrl: data.sourceUrl ?? null,
      publishedAt: data.publishedAt ?? null,
      language,
      format: data.storedFormat ?? FORMATS[data.format],
      ydoc: docToYUpdate(doc),
      contentJson: doc.toJSON(),
      text,
      fetchedUrl: data.fetchedUrl ?? null,
      sourceFetchedAt: data.sourceFetchedAt ?? null,
      sourceHash: data.fetchedUrl ? contentHash(text) : null,
    },
  });
  await updateSearchLanguage(tx, article.id, language);
  const importedBy = await tx.user.findUniqueOrThrow({
    where: { id: data.importedById },
    select: { id: true, name: true },
  });
  return { ...article, importedBy };
}

/**
 * Imports an article into a team (annotators, moderators, admins; tokens with `annotate`):
 * pasted or uploaded text, HTML or Markdown; a web page fetched from a URL; or a PDF.
 * @throws AppError not_found (not the actor's team) | forbidden | invalid_input | too_large |
 *   fetch_* (URL) | not_an_article (URL) | pdf_no_text | pdf_unreadable (PDF)
 */
export async function createArticle({ actor, teamSlug, input }: TeamCommand): Promise<ArticleJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "article.import");
  const parsed = ZCreateArticleInput.parse(input);
  // Fetching and PDF parsing happen before the transaction: no connection is held meanwhile.
  const prepared = await prepareImport(parsed);
  const article = await db.$transaction(async (tx) => {
    const created = await insertArticle(tx, {
      teamId: access.team.id,
      importedById: access.userId,
      ...prepared,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "article.create",
      entityType: "article",
      entityId: created.id,
      after: {
        title: created.title,
        format: parsed.format,
        length: created.text.length,
        ...(created.fetchedUrl ? { fetchedUrl: created.fetchedUrl, contentHash: created.sourceHash } : {}),
      },
    });
    await recordEvent(tx, {
      teamId: access.team.id,
      type: "article.created",
      data: {
        article: {
          id: created.id,
          title: created.title,
          byline: created.byline,
          sourceUrl: created.sourceUrl,
          url: articlePageUrl(access.team.slug, created.id),
        },
        actor: eventActor(actor, actor.kind === "user" ? actor.name : null),
      },
    });
    return created;
  });
  return toArticleJson(article, access.team.slug);
}
