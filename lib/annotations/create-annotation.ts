import { randomUUID } from "node:crypto";
import {
  buildAnchor,
  isInsideSurrogatePair,
  MAX_QUOTE_LENGTH,
  normaliseSpan,
  quoteSpan,
  yPlainText,
} from "../anchors/anchor.ts";
import { getArticleHeaderAccessOrThrow } from "../articles/get-article.ts";
import { auditEventInsertSql } from "../audit/record-audit-event.ts";
import type { ArticleCommand } from "../auth/actor.ts";
import { PREPARED } from "../db/prepared-statements.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { annotationPageUrl, articlePageUrl } from "../events/event-links.ts";
import { eventActor, eventInsertSql } from "../events/record-event.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { AnnotationStatus } from "../generated/prisma/enums.ts";
import { roundProgressChange } from "../rounds/live-round-progress.ts";
import { assertCan } from "../teams/access.ts";
import { toLabel, ZCreateAnnotationInput } from "../validation/annotations.ts";
import { type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";
import { withCurrentBody } from "./live-body.ts";
import { publishAnnotations } from "./live-state.ts";

interface InsertedRow {
  status: AnnotationStatus;
  orphaned: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Tags a span of an article's current text (offsets into its plain text, UTF-16 code units;
 * whitespace at either end is trimmed). The server builds the anchor and quote, commits the
 * annotation with its audit event, then (only after the commit) publishes it to everyone who has
 * the article open. Two PostgreSQL round trips: one query for access, one statement for the
 * annotation and its audit event; the body is read from PostgreSQL only when no live document
 * of it is loaded in this process.
 * @throws AppError not_found | forbidden | invalid_input (span outside the text) | conflict (the text moved)
 */
export async function createAnnotation({ actor, articleId, input }: ArticleCommand): Promise<AnnotationJson> {
  const { article, access, actorName, blindRound } = await getArticleHeaderAccessOrThrow(actor, articleId);
  assertCan(access, "annotation.create");
  if (article.archivedAt)
    throw new AppError("conflict", "This article is archived; it can no longer be annotated");
  if (blindRound?.submitted)
    throw new AppError("conflict", "You submitted your annotations for this blind round; they are frozen");
  // An annotator of the article's open blind round annotates in that round (hidden from others).
  const roundId = blindRound?.id ?? null;
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

  // One statement writes the annotation and its audit event: atomic like a transaction, and
  // one round trip instead of BEGIN, insert, audit event, COMMIT (which dominated this request).
  const id = randomUUID();
  const note = parsed.note || null;
  const audit = auditEventInsertSql({
    teamId: access.team.id,
    actor,
    action: "annotation.create",
    entityType: "annotation",
    entityId: id,
    after: {
      articleId: article.id,
      label: parsed.label,
      note,
      quote: span.quote,
      start: span.start,
      end: span.end,
    },
  });
  const articleUrl = articlePageUrl(access.team.slug, article.id);
  const event = eventInsertSql(
    {
      teamId: access.team.id,
      type: "annotation.created",
      data: {
        annotation: {
          id,
          label: parsed.label,
          status: "pending",
          quote: span.quote,
          note,
          start: span.start,
          end: span.end,
          orphaned: false,
          version: 1,
          author: { id: access.userId, name: actorName },
          url: annotationPageUrl(access.team.slug, article.id, id),
        },
        actor: eventActor(actor, actorName),
      },
    },
    // The article's title is read by the same statement (the access query does not load it).
    Prisma.sql`jsonb_build_object('article', jsonb_build_object('id', ${article.id}::text,
      'title', (SELECT title FROM "Article" WHERE id = ${article.id}::uuid), 'url', ${articleUrl}::text))`,
  );
  // A blind round's annotations stay out of the event feed and webhooks until the round is
  // revealed (round.revealed lists them): outside systems see what the team sees.
  const eventCte = roundId ? Prisma.empty : Prisma.sql`, event AS (${event})`;
  const [row] = await db.$queryRaw<InsertedRow[]>`${PREPARED}
    WITH created AS (
      INSERT INTO "Annotation" (id, "teamId", "articleId", "authorId", label, note, anchor, quote, prefix, suffix,
                               start, "end", "roundId", "createdAt", "updatedAt")
      VALUES (${id}::uuid, ${access.team.id}::uuid, ${article.id}::uuid, ${access.userId}::uuid,
              ${toLabel(parsed.label)}::"Label", ${note}, ${JSON.stringify(span.anchor)}::jsonb, ${span.quote},
              ${span.prefix}, ${span.suffix}, ${span.start}, ${span.end}, ${roundId}::uuid, now(), now())
      RETURNING status::text AS status, orphaned, version, "createdAt", "updatedAt"
    ), audit AS (${audit})${eventCte}
    SELECT * FROM created`;
  if (!row) throw new Error(`annotation ${id}: the insert returned no row`);
  // A new annotation has no evidence, citations or reviews yet: nothing to read back.
  const created = toAnnotationJson({
    id,
    articleId: article.id,
    label: toLabel(parsed.label),
    note,
    quote: span.quote,
    prefix: span.prefix,
    suffix: span.suffix,
    start: span.start,
    end: span.end,
    anchor: span.anchor,
    roundId,
    ...row,
    author: { id: access.userId, name: actorName },
  });
  // Only now, after the commit, does anyone see it (and the moderators a round annotator's progress).
  await publishAnnotations(
    article.id,
    { upsert: [created] },
    roundId ? roundProgressChange(article.id, [access.userId]) : undefined,
  );
  return created;
}
