import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { buildAnchor, quoteSpan, yPlainText } from "../anchors/anchor.ts";
import { BODY_FIELD, docToYUpdate } from "../articles/body-document.ts";
import { MAX_ARTICLE_BYTES } from "../articles/import-body.ts";
import { updateSearchVector } from "../articles/search-vector.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TeamCommand } from "../auth/actor.ts";
import { db, type Tx } from "../db.ts";
import { AppError, forbidden } from "../errors.ts";
import { validateArticleExport } from "../export/export-schema.ts";
import type { ArticleExport, ExportedAnnotation, ExportedEvidence } from "../export/export-types.ts";
import type { ArticleFormat, ReviewDecision } from "../generated/prisma/enums.ts";
import { requireTeamAction } from "../teams/access.ts";
import { toLabel } from "../validation/annotations.ts";
import { ZHttpUrl } from "../validation/articles.ts";
import { toEvidenceRelation } from "../validation/evidence.ts";
import { exactTextToDoc } from "./exact-text-doc.ts";

/** What an import created, and the evidence it could not recreate. */
export interface ImportResult {
  articles: { id: string; importedFromId: string; title: string; annotations: number }[];
  annotations: number;
  evidence: number;
  dropped: { evidenceId: string; annotationId: string; reason: string }[];
}

interface PreparedArticle {
  source: ArticleExport;
  articleId: string;
  ydoc: Uint8Array<ArrayBuffer>;
  contentJson: object;
  anchors: Map<string, object>;
}

const STATUS = { pending: "PENDING", approved: "APPROVED", rejected: "REJECTED" } as const;

function invalid(index: number, message: string): AppError {
  return new AppError("invalid_input", `[${index}] ${message}`);
}

function httpUrlOrNull(value: string | null): string | null {
  return value !== null && ZHttpUrl.safeParse(value).success ? value : null;
}

// Validates one export and builds its body and anchors outside the transaction.
function prepareArticle(source: unknown, index: number): PreparedArticle {
  const error = validateArticleExport(source);
  if (error) throw invalid(index, error);
  const item = source as ArticleExport;
  const text = item.article.text;
  if (Buffer.byteLength(text, "utf8") > MAX_ARTICLE_BYTES) {
    throw new AppError("too_large", `[${index}] The article text is larger than ${MAX_ARTICLE_BYTES} bytes`);
  }
  const doc = exactTextToDoc(text);
  const ydoc = docToYUpdate(doc);
  const live = new Y.Doc();
  try {
    Y.applyUpdate(live, ydoc);
    const fragment = live.getXmlFragment(BODY_FIELD);
    if (yPlainText(fragment) !== text) throw invalid(index, "The article text cannot be reproduced exactly");
    const anchors = new Map<string, object>();
    for (const annotation of item.annotations) {
      let start = annotation.start;
      let end = annotation.end;
      if (annotation.orphaned) {
        // Where it last was, clamped into the text; it stays orphaned (its quote is not there).
        start = Math.min(start, text.length - 1);
        end = Math.max(start + 1, Math.min(end, text.length));
      } else if (end > text.length || start >= end || text.slice(start, end) !== annotation.quote) {
        throw invalid(index, `annotation ${annotation.id}: article.text.slice(start, end) is not its quote`);
      }
      anchors.set(annotation.id, buildAnchor(fragment, start, end));
    }
    return { source: item, articleId: randomUUID(), ydoc, contentJson: doc.toJSON(), anchors };
  } finally {
    live.destroy();
  }
}

function evidenceTarget(
  evidence: ExportedEvidence,
  newAnnotationIds: Map<string, string>,
  newArticleIds: Map<string, string>,
):
  | { ok: true; targetAnnotationId: string | null; targetArticleId: string | null }
  | { ok: false; reason: string } {
  if (evidence.removed) return { ok: false, reason: "its target had been deleted" };
  if (evidence.targetAnnotationId) {
    const target = newAnnotationIds.get(evidence.targetAnnotationId);
    if (!target) return { ok: false, reason: "its target annotation is not part of this import" };
    const article = evidence.targetArticleId ? (newArticleIds.get(evidence.targetArticleId) ?? null) : null;
    return { ok: true, targetAnnotationId: target, targetArticleId: article };
  }
  if (evidence.targetArticleId) {
    const article = newArticleIds.get(evidence.targetArticleId);
    if (!article) return { ok: false, reason: "its target article is not part of this import" };
    return { ok: true, targetAnnotationId: null, targetArticleId: article };
  }
  return { ok: false, reason: "it has neither a URL nor a target" };
}

async function insertAnnotation(
  tx: Tx,
  ctx: {
    teamId: string;
    prepared: PreparedArticle;
    annotation: ExportedAnnotation;
    newId: string;
    userOr: (id: string) => string;
  },
): Promise<void> {
  const { annotation, prepared } = ctx;
  const span = annotation.orphaned
    ? annotation
    : quoteSpan(prepared.source.article.text, annotation.start, annotation.end);
  await tx.annotation.create({
    data: {
      id: ctx.newId,
      teamId: ctx.teamId,
      articleId: prepared.articleId,
      authorId: ctx.userOr(annotation.author.id),
      label: toLabel(annotation.label),
      note: annotation.note,
      status: STATUS[annotation.status],
      anchor: prepared.anchors.get(annotation.id)!,
      quote: annotation.quote,
      prefix: span.prefix,
      suffix: span.suffix,
      start: annotation.start,
      end: annotation.end,
      orphaned: annotation.orphaned,
      importedFromId: annotation.id,
      createdAt: new Date(annotation.createdAt),
    },
  });
  for (const review of annotation.reviews) {
    await tx.review.create({
      data: {
        annotationId: ctx.newId,
        moderatorId: ctx.userOr(review.moderator.id),
        decision: review.decision.toUpperCase() as ReviewDecision,
        fromLabel: review.fromLabel ? toLabel(review.fromLabel) : null,
        toLabel: review.toLabel ? toLabel(review.toLabel) : null,
        reason: review.reason,
        createdAt: new Date(review.createdAt),
      },
    });
  }
  for (const reply of annotation.replies) {
    await tx.reply.create({
      data: {
        annotationId: ctx.newId,
        authorId: ctx.userOr(reply.author.id),
        body: reply.body,
        createdAt: new Date(reply.createdAt),
        editedAt: reply.editedAt ? new Date(reply.editedAt) : null,
      },
    });
  }
}

// Evidence goes in after every annotation of the import exists, so internal targets resolve.
async function insertEvidence(
  tx: Tx,
  ctx: {
    annotation: ExportedAnnotation;
    newId: string;
    userOr: (id: string) => string;
    newAnnotationIds: Map<string, string>;
    newArticleIds: Map<string, string>;
    result: ImportResult;
  },
): Promise<void> {
  const { annotation } = ctx;
  for (const evidence of annotation.evidence) {
    const url = httpUrlOrNull(evidence.url);
    let target: { targetAnnotationId: string | null; targetArticleId: string | null } = {
      targetAnnotationId: null,
      targetArticleId: null,
    };
    if (evidence.kind === "external") {
      if (!url) {
        ctx.result.dropped.push({
          evidenceId: evidence.id,
          annotationId: annotation.id,
          reason: "its URL is not http(s)",
        });
        continue;
      }
    } else {
      const resolved = evidenceTarget(evidence, ctx.newAnnotationIds, ctx.newArticleIds);
      if (!resolved.ok) {
        ctx.result.dropped.push({
          evidenceId: evidence.id,
          annotationId: annotation.id,
          reason: resolved.reason,
        });
        continue;
      }
      target = { targetAnnotationId: resolved.targetAnnotationId, targetArticleId: resolved.targetArticleId };
    }
    await tx.evidence.create({
      data: {
        annotationId: ctx.newId,
        relation: toEvidenceRelation(evidence.relation),
        url: evidence.kind === "external" ? url : null,
        title: evidence.title,
        publisher: evidence.publisher,
        quote: evidence.quote,
        accessedAt: evidence.accessedAt ? new Date(evidence.accessedAt) : null,
        archivedUrl: httpUrlOrNull(evidence.archivedUrl),
        ...target,
        note: evidence.note,
        addedById: ctx.userOr(evidence.addedBy.id),
        createdAt: new Date(evidence.createdAt),
      },
    });
    ctx.result.evidence++;
  }
}

/**
 * Recreates the articles, annotations (statuses kept, `importedFromId` set), evidence, reviews
 * and replies of a `json` export in a team, with new ids, identical texts and offsets (admins;
 * tokens need `annotate` and an admin creator). People who are not members of the team are
 * replaced by the importer. Internal evidence whose target is not in the import is dropped and
 * reported. Everything commits in one transaction with its audit events.
 * @throws AppError not_found | forbidden | invalid_input (schema, slice rule) | too_large
 */
export async function importTeamExport({ actor, teamSlug, input }: TeamCommand): Promise<ImportResult> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "article.import");
  if (access.role !== "ADMIN") throw forbidden("Only admins may import an export");
  const items = Array.isArray(input) ? input : [input];
  const prepared: PreparedArticle[] = [];
  for (const [index, item] of items.entries()) prepared.push(prepareArticle(item, index));

  const newArticleIds = new Map(prepared.map((p) => [p.source.article.id, p.articleId]));
  const newAnnotationIds = new Map<string, string>();
  const userIds = new Set<string>();
  for (const p of prepared) {
    for (const annotation of p.source.annotations) {
      if (newAnnotationIds.has(annotation.id))
        throw new AppError("invalid_input", `annotation ${annotation.id} appears twice`);
      newAnnotationIds.set(annotation.id, randomUUID());
      userIds.add(annotation.author.id);
      for (const e of annotation.evidence) userIds.add(e.addedBy.id);
      for (const r of annotation.reviews) userIds.add(r.moderator.id);
      for (const r of annotation.replies) userIds.add(r.author.id);
    }
  }
  const members = new Set(
    (
      await db.membership.findMany({
        where: { teamId: access.team.id, userId: { in: [...userIds] } },
        select: { userId: true },
      })
    ).map((m) => m.userId),
  );
  const userOr = (id: string) => (members.has(id) ? id : access.userId);
  const result: ImportResult = { articles: [], annotations: 0, evidence: 0, dropped: [] };

  await db.$transaction(
    async (tx) => {
      for (const p of prepared) {
        const article = p.source.article;
        await tx.article.create({
          data: {
            id: p.articleId,
            teamId: access.team.id,
            importedById: access.userId,
            title: article.title,
            byline: article.byline,
            sourceUrl: httpUrlOrNull(article.sourceUrl),
            publishedAt: article.publishedAt ? new Date(article.publishedAt) : null,
            language: article.language,
            format: article.format.toUpperCase() as ArticleFormat,
            ydoc: p.ydoc,
            contentJson: p.contentJson,
            text: article.text,
            createdAt: new Date(article.createdAt),
          },
        });
        await updateSearchVector(tx, p.articleId);
        for (const annotation of p.source.annotations) {
          await insertAnnotation(tx, {
            teamId: access.team.id,
            prepared: p,
            annotation,
            newId: newAnnotationIds.get(annotation.id)!,
            userOr,
          });
        }
        result.annotations += p.source.annotations.length;
        result.articles.push({
          id: p.articleId,
          importedFromId: article.id,
          title: article.title,
          annotations: p.source.annotations.length,
        });
        await recordAuditEvent(tx, {
          teamId: access.team.id,
          actor,
          action: "article.import_export",
          entityType: "article",
          entityId: p.articleId,
          after: {
            importedFromId: article.id,
            fromTeam: p.source.team.slug,
            title: article.title,
            annotations: p.source.annotations.length,
          },
        });
      }
      for (const p of prepared) {
        for (const annotation of p.source.annotations) {
          await insertEvidence(tx, {
            annotation,
            newId: newAnnotationIds.get(annotation.id)!,
            userOr,
            newAnnotationIds,
            newArticleIds,
            result,
          });
        }
      }
      await recordAuditEvent(tx, {
        teamId: access.team.id,
        actor,
        action: "team.import",
        entityType: "team",
        entityId: access.team.id,
        after: {
          articles: result.articles.length,
          annotations: result.annotations,
          evidence: result.evidence,
          dropped: result.dropped,
        },
      });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return result;
}
