import { unitiseAnnotations } from "../agreement/unitise-annotations.ts";
import { type AnnotationJson, toAnnotationJson } from "../annotations/annotation-json.ts";
import { readAnnotationRows } from "../annotations/read-annotation-rows.ts";
import type { TeamQuery } from "../auth/actor.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { reviewableAnnotationSql } from "../rounds/annotation-visibility.ts";
import { requireTeamAction, type TeamAccess } from "../teams/access.ts";
import { ZDisagreementsQuery } from "../validation/reviews.ts";

/**
 * How many of the oldest pending tags (of the team, or of the filtered article) are examined for
 * disagreements per request. Bounds the work of a team with hundreds of thousands of pending
 * tags, and of one with none in disagreement (which would otherwise be scanned whole to prove it);
 * settling or reviewing the oldest brings the next ones into the window (docs/MODERATION.md).
 */
export const DISAGREEMENT_WINDOW = 500;

/**
 * How many disagreements are listed: more than a screen of cards (each has every side in full),
 * and what the review page's 3 s poll can afford to recompute at a million annotations; settling
 * the oldest brings the next into view, and the queue's `disagreement=true` lists every tag in one.
 */
export const DISAGREEMENT_PAGE = 20;

/** What unitisation reads of a tag. */
interface Span {
  id: string;
  articleId: string;
  authorId: string;
  label: string;
  status: string;
  start: number;
  end: number;
  createdAt: Date;
}

/** Overlapping tags of one passage by different annotators with different labels. */
export interface DisagreementJson {
  /** Stable while the group is unchanged: the ids of its annotations, sorted and joined. */
  key: string;
  article: { id: string; title: string };
  start: number;
  end: number;
  /** The passage the group covers (article text at [start, end)). */
  text: string;
  /** Every side, each with its evidence counts and status. */
  annotations: AnnotationJson[];
}

/**
 * `GET /api/v1/teams/{team}/review-queue/disagreements`: the team's open disagreements (or one
 * article's, `article=`), for moderators and admins (tokens need `review`). Served apart from the
 * queue's pages: the queue answers in one indexed read while this section does the clustering,
 * and the review page asks for both at once (docs/MODERATION.md).
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function listOpenDisagreements({
  actor,
  teamSlug,
  query,
}: TeamQuery): Promise<{ disagreements: DisagreementJson[] }> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "annotation.review");
  const q = ZDisagreementsQuery.parse(query);
  return { disagreements: await listDisagreements(access, { articleId: q.article }) };
}

/**
 * The team's open disagreements, oldest first (by their article's oldest pending tag, then their
 * first tag): clusters of overlapping live, unrejected tags of
 * one article where at least two annotators gave different labels and at least one tag is still
 * pending, found among the `DISAGREEMENT_WINDOW` oldest pending tags.
 * The caller has checked `annotation.review` on `access`.
 * @throws nothing beyond database errors
 */
export async function listDisagreements(
  access: TeamAccess,
  options: { articleId?: string; limit?: number; window?: number } = {},
): Promise<DisagreementJson[]> {
  const limit = options.limit ?? DISAGREEMENT_PAGE;
  // Articles where one of the oldest pending tags overlaps a differently labelled, unrejected tag
  // by someone else: each holds at least one open disagreement, so `limit` articles are enough.
  // The window is read in queue order from Annotation(teamId, status, createdAt) and each of its
  // tags probes its own article through Annotation(articleId, start): bounded work at any size.
  const candidates = await db.$queryRaw<{ articleId: string }[]>`
    WITH pending AS (
      SELECT a.id, a."articleId", a."authorId", a.label, a.start, a."end", a."createdAt"
      FROM "Annotation" a
      JOIN "Article" art ON art.id = a."articleId" AND art."deletedAt" IS NULL
      WHERE a."teamId" = ${access.team.id}::uuid
        AND a.status = 'PENDING' AND a."deletedAt" IS NULL AND NOT a.orphaned
        AND ${reviewableAnnotationSql()}
        ${options.articleId ? Prisma.sql`AND a."articleId" = ${options.articleId}::uuid` : Prisma.empty}
      ORDER BY a."createdAt" ASC, a.id ASC
      LIMIT ${options.window ?? DISAGREEMENT_WINDOW}
    )
    SELECT p."articleId"
    FROM pending p
    -- LATERAL ... LIMIT 1, not EXISTS: the planner turned EXISTS into a hash semi-join over a
    -- sequential scan of every annotation (1.3 s at a million); this stays one short index probe
    -- per windowed tag, stopping at the first overlap.
    CROSS JOIN LATERAL (
      SELECT 1 FROM "Annotation" b
      WHERE b."articleId" = p."articleId" AND b.start < p."end" AND p.start < b."end"
        AND b.id <> p.id AND b."authorId" <> p."authorId" AND b.label <> p.label
        AND b."deletedAt" IS NULL AND NOT b.orphaned AND b.status <> 'REJECTED'
      LIMIT 1) overlap
    GROUP BY p."articleId"
    ORDER BY min(p."createdAt") ASC
    LIMIT ${limit}`;
  if (candidates.length === 0) return [];
  // Clusters are computed on the few columns unitisation reads, article by article in candidate
  // order, a few articles at a time: most articles hold several disagreements, so the first reads
  // usually fill the page and the rest are never read. Full rows are read for the chosen groups only.
  // How many articles each read takes changes only the work, never the groups returned: articles
  // are processed in candidate order and every group of a processed article is kept.
  const found: { articleId: string; start: number; end: number; ids: string[]; oldest: number }[] = [];
  const order = candidates.map((row) => row.articleId);
  for (let from = 0; from < order.length && found.length < limit; ) {
    // Read as many articles as the groups still missing need at the rate seen so far (each
    // candidate holds at least one), so a page is usually filled by the first one or two reads.
    const perArticle = from === 0 ? 1 : Math.max(found.length / from, 0.25);
    const size = Math.min(limit, Math.ceil((limit - found.length) / perArticle) + 2);
    const chunk = order.slice(from, from + size);
    from += chunk.length;
    // Raw rows with the few columns unitisation reads: Prisma's row objects for thousands of
    // spans cost more than the query.
    const spans = await db.$queryRaw<Span[]>`
      SELECT a.id::text AS id, a."articleId"::text AS "articleId", a."authorId"::text AS "authorId",
             a.label::text AS label, a.status::text AS status, a.start, a."end", a."createdAt"
      FROM "Annotation" a
      WHERE a."teamId" = ${access.team.id}::uuid AND a."articleId" = ANY(${chunk}::uuid[])
        AND a."deletedAt" IS NULL AND NOT a.orphaned AND a.status <> 'REJECTED'
      ORDER BY a."createdAt", a.id`;
    const byArticle = new Map<string, Span[]>(chunk.map((id) => [id, []]));
    for (const span of spans) byArticle.get(span.articleId)!.push(span);
    for (const [articleId, own] of byArticle) {
      const byId = new Map(own.map((span) => [span.id, span]));
      for (const unit of unitiseAnnotations(own)) {
        const members = unit.annotationIds.map((id) => byId.get(id)!);
        const authors = new Set(members.map((span) => span.authorId));
        const labels = new Set(members.map((span) => span.label));
        if (authors.size < 2 || labels.size < 2 || !members.some((span) => span.status === "PENDING"))
          continue;
        found.push({
          articleId,
          start: unit.start,
          end: unit.end,
          ids: unit.annotationIds,
          oldest: members[0]!.createdAt.getTime(),
        });
      }
    }
  }
  const rank = new Map(order.map((id, index) => [id, index]));
  found.sort((a, b) => rank.get(a.articleId)! - rank.get(b.articleId)! || a.oldest - b.oldest);
  const chosen = found.slice(0, limit);
  const [rows, articles] = await Promise.all([
    readAnnotationRows(
      Prisma.sql`a.id = ANY(${chosen.flatMap((group) => group.ids)}::uuid[])`,
      Prisma.sql`a.id`,
    ),
    db.article.findMany({
      where: { id: { in: [...new Set(chosen.map((group) => group.articleId))] } },
      select: { id: true, title: true, text: true },
    }),
  ]);
  const rowById = new Map(rows.map((row) => [row.id, row]));
  const articleById = new Map(articles.map((article) => [article.id, article]));
  return chosen.map((group) => {
    const article = articleById.get(group.articleId)!;
    return {
      key: [...group.ids].sort().join("."),
      article: { id: article.id, title: article.title },
      start: group.start,
      end: group.end,
      text: article.text.slice(group.start, group.end),
      annotations: group.ids.map((id) => toAnnotationJson(rowById.get(id)!)),
    };
  });
}
