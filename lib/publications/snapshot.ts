import type { Tx } from "../db.ts";
import { type LabelName, labelName } from "../validation/annotations.ts";
import { ensureRatingScale } from "../verdicts/rating-scale.ts";
import { renderConclusion } from "../verdicts/render-conclusion.ts";

/** One external source (or one of the team's published annotations) a verdict rests on. */
export interface PublicEvidence {
  relation: "corroborates" | "contradicts";
  url: string;
  title: string | null;
  publisher: string | null;
  archivedUrl: string | null;
  /** For a published annotation of the team: its quote. */
  quote: string | null;
}

/** A verdict as the public page shows it. */
export interface PublicVerdict {
  rating: { label: string; value: number | null; colour: string };
  /** Sanitized HTML (markdown-it, raw HTML off). */
  conclusionHtml: string;
  evidence: PublicEvidence[];
  /** The verdict's last change (ClaimReview datePublished). */
  updatedAt: string;
  /** Only when the team turned credits on. */
  by: string | null;
}

/** An approved passage on the public page. Claims (facts) carry their stable number. */
export interface PublicHighlight {
  start: number;
  end: number;
  label: LabelName;
  quote: string;
  claim: number | null;
  verdict: PublicVerdict | null;
}

/**
 * Everything the public page shows, copied at publishing: the page is rendered from this alone,
 * never from a join, so nothing that is not in here can appear on it.
 */
export interface PublicationSnapshot {
  version: 1;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  articlePublishedAt: string | null;
  text: string;
  highlights: PublicHighlight[];
  /** Annotation id → claim number, kept across republishing so #claim-N anchors stay stable. */
  claimNumbers: Record<string, number>;
  scale: { bestRating: number | null; worstRating: number | null };
  organization: { name: string; url: string | null };
  credits: boolean;
  publishedAt: string;
}

/**
 * Builds the snapshot of an article from PostgreSQL inside the publishing transaction: approved,
 * anchored passages only; for approved facts their claim number (kept from `previous`) and
 * verdict with its external evidence and the team's published annotations it cites; no notes,
 * replies, pending or rejected passages, people (unless credits are on) or emails.
 * @throws nothing beyond database errors
 */
export async function buildPublicationSnapshot(
  tx: Tx,
  {
    teamId,
    teamName,
    articleId,
    previous,
    now,
  }: { teamId: string; teamName: string; articleId: string; previous: Record<string, number>; now: Date },
): Promise<PublicationSnapshot> {
  const [article, profile, scale, annotations] = await Promise.all([
    tx.article.findUniqueOrThrow({
      where: { id: articleId },
      select: { title: true, byline: true, sourceUrl: true, publishedAt: true, text: true },
    }),
    tx.teamPublicProfile.findUnique({ where: { teamId } }),
    ensureRatingScale(tx, teamId),
    tx.annotation.findMany({
      where: { articleId, teamId, status: "APPROVED", deletedAt: null, orphaned: false },
      orderBy: [{ start: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        start: true,
        end: true,
        label: true,
        quote: true,
        verdict: {
          select: {
            evidenceIds: true,
            conclusion: true,
            updatedAt: true,
            rating: { select: { label: true, value: true, colour: true } },
            author: { select: { name: true } },
          },
        },
      },
    }),
  ]);
  const credits = profile?.showCredits ?? false;
  const evidenceIds = annotations.flatMap((annotation) => annotation.verdict?.evidenceIds ?? []);
  const evidenceRows = evidenceIds.length
    ? await tx.evidence.findMany({
        where: { id: { in: evidenceIds }, deletedAt: null, annotation: { articleId } },
        select: {
          id: true,
          annotationId: true,
          relation: true,
          url: true,
          title: true,
          publisher: true,
          archivedUrl: true,
          targetAnnotation: {
            select: {
              quote: true,
              status: true,
              deletedAt: true,
              teamId: true,
              article: {
                select: { deletedAt: true, publication: { select: { publicId: true, snapshot: true } } },
              },
              id: true,
            },
          },
        },
      })
    : [];
  const evidenceById = new Map(evidenceRows.map((row) => [row.id, row]));

  const claimNumbers: Record<string, number> = {};
  let next = Math.max(0, ...Object.values(previous)) + 1;
  for (const annotation of annotations) {
    if (annotation.label !== "FACT") continue;
    claimNumbers[annotation.id] = previous[annotation.id] ?? next++;
  }

  const highlights: PublicHighlight[] = annotations.map((annotation) => {
    const verdict = annotation.verdict;
    let publicVerdict: PublicVerdict | null = null;
    if (verdict && annotation.label === "FACT") {
      const evidence: PublicEvidence[] = [];
      for (const id of verdict.evidenceIds) {
        const row = evidenceById.get(id);
        if (!row || row.annotationId !== annotation.id) continue;
        const relation = row.relation === "CORROBORATES" ? "corroborates" : "contradicts";
        if (row.url) {
          evidence.push({
            relation,
            url: row.url,
            title: row.title,
            publisher: row.publisher,
            archivedUrl: row.archivedUrl,
            quote: null,
          });
          continue;
        }
        // Internal evidence only when its target is itself public: an approved passage of a
        // published article of the same team.
        const target = row.targetAnnotation;
        const publication = target?.article.publication;
        if (
          !target ||
          target.teamId !== teamId ||
          target.deletedAt ||
          target.status !== "APPROVED" ||
          target.article.deletedAt ||
          !publication
        ) {
          continue;
        }
        const numbers =
          (publication.snapshot as { claimNumbers?: Record<string, number> } | null)?.claimNumbers ?? {};
        const n = numbers[target.id];
        evidence.push({
          relation,
          url: `/p/${publication.publicId}${n ? `#claim-${n}` : ""}`,
          title: null,
          publisher: null,
          archivedUrl: null,
          quote: target.quote,
        });
      }
      publicVerdict = {
        rating: verdict.rating,
        conclusionHtml: renderConclusion(verdict.conclusion),
        evidence,
        updatedAt: verdict.updatedAt.toISOString(),
        by: credits ? verdict.author.name : null,
      };
    }
    return {
      start: annotation.start,
      end: annotation.end,
      label: labelName(annotation.label),
      quote: annotation.quote,
      claim: claimNumbers[annotation.id] ?? null,
      verdict: publicVerdict,
    };
  });

  return {
    version: 1,
    title: article.title,
    byline: article.byline,
    sourceUrl: article.sourceUrl,
    articlePublishedAt: article.publishedAt?.toISOString() ?? null,
    text: article.text,
    highlights,
    claimNumbers: { ...previous, ...claimNumbers },
    scale: { bestRating: scale.bestRating, worstRating: scale.worstRating },
    organization: { name: profile?.organizationName || teamName, url: profile?.organizationUrl || null },
    credits,
    publishedAt: now.toISOString(),
  };
}
