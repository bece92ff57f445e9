import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { articlePageUrl } from "../events/event-links.ts";
import { eventActor, recordEvent } from "../events/record-event.ts";
import type { ArticleFormat } from "../generated/prisma/enums.ts";
import { requireTeamAction } from "../teams/access.ts";
import { ZCreateArticleInput } from "../validation/articles.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";
import { docToYUpdate } from "./body-document.ts";
import { type ArticleSourceFormat, contentToDoc } from "./import-body.ts";
import { docToPlainText } from "./plain-text.ts";
import { updateSearchVector } from "./search-vector.ts";

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
  language?: string | null;
  format: ArticleSourceFormat;
  content: string;
}

/**
 * Builds the body (Yjs state, ProseMirror JSON, plain text) from imported content and inserts
 * the article with its search vector. No access check: callers check (or are the seed).
 * @throws AppError too_large | invalid_input from the importer
 */
export async function insertArticle(tx: Tx, data: InsertArticleData) {
  const doc = contentToDoc(data.format, data.content);
  const article = await tx.article.create({
    data: {
      teamId: data.teamId,
      importedById: data.importedById,
      title: data.title,
      byline: data.byline ?? null,
      sourceUrl: data.sourceUrl ?? null,
      publishedAt: data.publishedAt ?? null,
      language: data.language ?? null,
      format: FORMATS[data.format],
      ydoc: docToYUpdate(doc),
      contentJson: doc.toJSON(),
      text: docToPlainText(doc),
    },
  });
  await updateSearchVector(tx, article.id);
  const importedBy = await tx.user.findUniqueOrThrow({
    where: { id: data.importedById },
    select: { id: true, name: true },
  });
  return { ...article, importedBy };
}

/**
 * Imports an article into a team (annotators, moderators, admins; tokens with `annotate`).
 * @throws AppError not_found (not the actor's team) | forbidden | invalid_input | too_large
 */
export async function createArticle({
  actor,
  teamSlug,
  input,
}: {
  actor: Actor;
  teamSlug: string;
  input: unknown;
}): Promise<ArticleJson> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "article.import");
  const parsed = ZCreateArticleInput.parse(input);
  const article = await db.$transaction(async (tx) => {
    const created = await insertArticle(tx, {
      teamId: access.team.id,
      importedById: access.userId,
      title: parsed.title,
      byline: parsed.byline,
      sourceUrl: parsed.sourceUrl,
      publishedAt: parsed.publishedAt ? new Date(parsed.publishedAt) : null,
      language: parsed.language,
      format: parsed.format,
      content: parsed.content,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "article.create",
      entityType: "article",
      entityId: created.id,
      after: { title: created.title, format: parsed.format, length: created.text.length },
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
