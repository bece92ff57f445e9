import type { Db, Tx } from "../db.ts";
import { db } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { ensureRatingScale } from "../verdicts/rating-scale.ts";
import { type ClaimReviewJson, type ClaimReviewSource, toClaimReview } from "./to-claimreview.ts";

/** How many verdicts a team's ClaimReview export reads per query. */
export const CLAIM_REVIEW_BATCH_SIZE = 500;

/** The team's public identity for ClaimReview's author (team settings, else its name and page). */
export async function loadOrganization(
  client: Db | Tx,
  team: { id: string; slug: string; name: string },
  baseUrl: string,
): Promise<{ name: string; url: string }> {
  const profile = await client.teamPublicProfile.findUnique({ where: { teamId: team.id } });
  return {
    name: profile?.organizationName || team.name,
    url: profile?.organizationUrl || baseUrl.replace(/\/+$/, ""),
  };
}

/** The claim numbers of a published article (`claimNumbers` of its snapshot). */
export function claimNumbersOf(snapshot: unknown): Record<string, number> {
  const numbers = (snapshot as { claimNumbers?: unknown } | null)?.claimNumbers;
  return numbers && typeof numbers === "object" ? (numbers as Record<string, number>) : {};
}

/** Where a claim of an article is seen: its anchor on the public page when published, else the article's page. */
export function claimUrl(
  baseUrl: string,
  team: { slug: string },
  article: { id: string; publication: { publicId: string; snapshot: unknown } | null },
  annotationId: string,
): string {
  const base = baseUrl.replace(/\/+$/, "");
  if (article.publication) {
    const n = claimNumbersOf(article.publication.snapshot)[annotationId];
    return `${base}/p/${article.publication.publicId}${n ? `#claim-${n}` : ""}`;
  }
  return `${base}/t/${encodeURIComponent(team.slug)}/articles/${article.id}`;
}

const VERDICT_SELECT = {
  id: true,
  updatedAt: true,
  rating: { select: { label: true, value: true } },
  annotation: {
    select: {
      id: true,
      quote: true,
      start: true,
      article: {
        select: {
          id: true,
          title: true,
          byline: true,
          publishedAt: true,
          sourceUrl: true,
          publication: { select: { publicId: true, snapshot: true } },
        },
      },
    },
  },
} as const satisfies Prisma.VerdictSelect;

/** The ClaimReview of one verdict read with VERDICT_SELECT. */
function verdictClaimReview(
  row: Prisma.VerdictGetPayload<{ select: typeof VERDICT_SELECT }>,
  context: { baseUrl: string; team: { slug: string } } & Pick<ClaimReviewSource, "scale" | "organization">,
): ClaimReviewJson {
  return toClaimReview({
    quote: row.annotation.quote,
    verdict: { rating: row.rating, updatedAt: row.updatedAt },
    article: row.annotation.article,
    url: claimUrl(context.baseUrl, context.team, row.annotation.article, row.annotation.id),
    scale: context.scale,
    organization: context.organization,
  });
}

/** Only approved facts of live articles count (withdrawal keeps verdicts there; this makes sure). */
function claimWhere(teamId: string, extra: Prisma.VerdictWhereInput = {}): Prisma.VerdictWhereInput {
  return {
    teamId,
    annotation: { deletedAt: null, status: "APPROVED", label: "FACT", article: { deletedAt: null } },
    ...extra,
  };
}

/**
 * The ClaimReviews of one article: one per approved fact passage with a verdict, in text order.
 * No access check: the caller has checked export rights on the article.
 * @throws nothing beyond database errors
 */
export async function loadArticleClaimReviews(
  team: { id: string; slug: string; name: string },
  articleId: string,
  baseUrl: string,
): Promise<ClaimReviewJson[]> {
  const [organization, scale, rows] = await Promise.all([
    loadOrganization(db, team, baseUrl),
    db.$transaction((tx) => ensureRatingScale(tx, team.id)),
    db.verdict.findMany({
      where: claimWhere(team.id, {
        annotation: { articleId, deletedAt: null, status: "APPROVED", label: "FACT" },
      }),
      select: VERDICT_SELECT,
      orderBy: [{ annotation: { start: "asc" } }, { annotationId: "asc" }],
    }),
  ]);
  return rows.map((row) => verdictClaimReview(row, { baseUrl, team, scale, organization }));
}

/**
 * Streams a team's ClaimReviews as NDJSON lines (one per verdict on an approved fact), oldest
 * verdict first, CLAIM_REVIEW_BATCH_SIZE at a time; `since` keeps verdicts changed since then.
 * @throws nothing beyond database errors (raised into the stream)
 */
export async function* streamTeamClaimReviews(
  team: { id: string; slug: string; name: string },
  baseUrl: string,
  since?: Date,
): AsyncGenerator<string> {
  const [organization, scale] = await Promise.all([
    loadOrganization(db, team, baseUrl),
    db.$transaction((tx) => ensureRatingScale(tx, team.id)),
  ]);
  let after: { updatedAt: Date; id: string } | null = null;
  for (;;) {
    const cursor: Prisma.VerdictWhereInput = after
      ? {
          OR: [{ updatedAt: { gt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }],
        }
      : {};
    const rows = await db.verdict.findMany({
      where: { AND: [claimWhere(team.id, since ? { updatedAt: { gte: since } } : {}), cursor] },
      select: VERDICT_SELECT,
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: CLAIM_REVIEW_BATCH_SIZE,
    });
    if (rows.length === 0) return;
    let chunk = "";
    for (const row of rows) {
      const review = verdictClaimReview(row, { baseUrl, team, scale, organization });
      chunk += `${JSON.stringify(review)}\n`;
    }
    yield chunk;
    if (rows.length < CLAIM_REVIEW_BATCH_SIZE) return;
    const last = rows[rows.length - 1]!;
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}
