import {
  buildAnchor,
  isInsideSurrogatePair,
  MAX_QUOTE_LENGTH,
  normaliseSpan,
  quoteSpan,
  yPlainText,
} from "../anchors/anchor.ts";
import { getArticleAccessOrThrow } from "../articles/get-article.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { assertCan } from "../teams/access.ts";
import { toLabel, ZCreateAnnotationInput } from "../validation/annotations.ts";
import { ANNOTATION_INCLUDE, type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";
import { withCurrentBody } from "./live-body.ts";
import { publishAnnotations } from "./live-state.ts";

/**
 * Tags a span of an article's current text (offsets into its plain text, UTF-16 code units;
 * whitespace at either end is trimmed). The server builds the anchor and quote, commits the
 * annotation with its audit event, then publishes it to everyone who has the article open.
 * @throws AppError not_found | forbidden | invalid_input (span outside the text) | conflict (the text moved)
 */
export async function createAnnotation({
  actor,
  articleId,
  input,
}: {
  actor: Actor;
  articleId: string;
  input: unknown;
}): Promise<AnnotationJson> {
  const { article, access } = await getArticleAccessOrThrow(actor, articleId);
  assertCan(access, "annotation.create");
  if (article.archivedAt)
    throw new AppError("conflict", "This article is archived; it can no longer be annotated");
  const parsed = ZCreateAnnotationInput.parse(input);

  const span = await withCurrentBody(article.id, (_doc, fragment) => {
    const text = yPlainText(fragment);
    if (parsed.end > text.length) {
      throw new AppError("invalid_input", `end: is past the end of the text (${text.length} characters)`);
    }
    for (const edge of ["start", "end"] as const) {
      if (isInsideSurrogatePair(text, parsed[edge])) {
        throw new AppError(
          "invalid_input",
          `${edge}: falls inside a character (between the two UTF-16 code units of a surrogate pair)`,
        );
      }
    }
    if (parsed.quote !== undefined && text.slice(parsed.start, parsed.end) !== parsed.quote) {
      throw new AppError("conflict", "The text changed while you were selecting; select the passage again");
    }
    const normalised = normaliseSpan(text, parsed.start, parsed.end);
    if (!normalised) throw new AppError("invalid_input", "The selection contains no text");
    if (normalised.end - normalised.start > MAX_QUOTE_LENGTH) {
      throw new AppError("invalid_input", `A highlight may cover at most ${MAX_QUOTE_LENGTH} characters`);
    }
    return {
      ...quoteSpan(text, normalised.start, normalised.end),
      anchor: buildAnchor(fragment, normalised.start, normalised.end),
    };
  });

  const created = await db.$transaction(async (tx) => {
    const row = await tx.annotation.create({
      data: {
        teamId: access.team.id,
        articleId: article.id,
        authorId: access.userId,
        label: toLabel(parsed.label),
        note: parsed.note || null,
        anchor: span.anchor,
        quote: span.quote,
        prefix: span.prefix,
        suffix: span.suffix,
        start: span.start,
        end: span.end,
      },
      include: ANNOTATION_INCLUDE,
    });
    await recordAuditEvent(tx, {
      teamId: access.team.id,
      actor,
      action: "annotation.create",
      entityType: "annotation",
      entityId: row.id,
      after: {
        articleId: article.id,
        label: parsed.label,
        note: row.note,
        quote: row.quote,
        start: row.start,
        end: row.end,
      },
    });
    return toAnnotationJson(row);
  });
  await publishAnnotations(article.id, { upsert: [created] });
  return created;
}
