import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { can } from "../policies/team.ts";
import { annotationViewerOf, visibleAnnotationSql } from "../rounds/annotation-visibility.ts";
import { requireTeamAction } from "../teams/access.ts";
import { isSafeHttpUrl } from "../urls/normalise-url.ts";

/** One cited page (URL without query or fragment) of a source. */
export interface SourcePageJson {
  /** The most recently cited full URL of this page (safe to link). */
  url: string | null;
  title: string | null;
  corroborates: number;
  contradicts: number;
  citations: number;
  lastCitedAt: string;
  /** Citations whose last link check found the page gone (404, 410). */
  gone: number;
  /** Citations whose last link check found the text changed since the snapshot. */
  changed: number;
  /** The latest citation of this page with an archived snapshot (for its snapshot page), or null. */
  snapshotEvidenceId: string | null;
}

/** A source (a site, by host) the team cites, with how many annotations it corroborates or contradicts. */
export interface TeamSourceJson {
  host: string;
  publisher: string | null;
  /** Distinct annotations this source corroborates / contradicts. */
  corroborates: number;
  contradicts: number;
  citations: number;
  articles: number;
  lastCitedAt: string;
  gone: number;
  changed: number;
  pages: SourcePageJson[];
}

interface PageRow {
  host: string;
  page: string;
  url: string;
  title: string | null;
  publisher: string | null;
  corroborates: number;
  contradicts: number;
  citations: number;
  last_cited_at: Date;
  gone: number;
  changed: number;
  snapshot_evidence_id: string | null;
}

interface HostRow {
  host: string;
  corroborates: number;
  contradicts: number;
  citations: number;
  articles: number;
  last_cited_at: Date;
  gone: number;
  changed: number;
}

const MAX_SOURCES = 200;
const MAX_PAGES_PER_SOURCE = 20;

// Stored URLs are normalised (lib/urls/normalise-url.ts): "scheme://host[:port]/path?query#fragment"
// with a lower-case host. The host without "www." names the source; host + path names the page.
const HOST_SQL = `regexp_replace(substring(e.url from '^https?://([^/?#]+)'), '^www\\.', '')`;
const PAGE_SQL = `regexp_replace(substring(e.url from '^https?://(?:www\\.)?([^?#]*)'), '/+$', '')`;
const LIVE_SQL = Prisma.raw(
  `e."deletedAt" IS NULL AND e.url IS NOT NULL AND a."deletedAt" IS NULL AND ar."deletedAt" IS NULL`,
);
// Link health of a citation, from its snapshot row (docs/EVIDENCE.md "Link health").
const GONE_SQL = Prisma.raw(`s."checkStatus" = 'GONE'`);
const CHANGED_SQL = Prisma.raw(`COALESCE(s."contentChanged", false)`);
const FLAGGED_SQL = Prisma.sql`(${GONE_SQL} OR ${CHANGED_SQL})`;

/**
 * The external sources cited across a team's articles, grouped by site and page, most cited
 * first, with the number of distinct annotations each corroborates and contradicts, and how many
 * citations the last link checks found gone or changed (`flaggedOnly`: only those).
 * @throws AppError not_found | forbidden (token without `read`)
 */
export async function listTeamSources({
  actor,
  teamSlug,
  flaggedOnly = false,
}: {
  actor: Actor;
  teamSlug: string;
  /** Only citations whose last link check found the page gone or its text changed. */
  flaggedOnly?: boolean;
}): Promise<{ team: { slug: string; name: string }; sources: TeamSourceJson[]; canCheck: boolean }> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const teamId = access.team.id;
  // Evidence of annotations the reader may not see (an open blind round's) is not counted.
  const live = Prisma.sql`${LIVE_SQL} AND a."teamId" = ${teamId}::uuid AND ${visibleAnnotationSql(annotationViewerOf(access))}`;
  const where = flaggedOnly ? Prisma.sql`${live} AND ${FLAGGED_SQL}` : live;
  const hostSql = Prisma.raw(HOST_SQL);
  const pageSql = Prisma.raw(PAGE_SQL);
  const hosts = await db.$queryRaw<HostRow[]>`SELECT ${hostSql} AS host,
            COUNT(DISTINCT e."annotationId") FILTER (WHERE e.relation = 'CORROBORATES')::int AS corroborates,
            COUNT(DISTINCT e."annotationId") FILTER (WHERE e.relation = 'CONTRADICTS')::int AS contradicts,
            COUNT(*)::int AS citations,
            COUNT(DISTINCT a."articleId")::int AS articles,
            MAX(e."createdAt") AS last_cited_at,
            COUNT(*) FILTER (WHERE ${GONE_SQL})::int AS gone,
            COUNT(*) FILTER (WHERE ${CHANGED_SQL})::int AS changed
       FROM "Evidence" e
       JOIN "Annotation" a ON a.id = e."annotationId"
       JOIN "Article" ar ON ar.id = a."articleId"
       LEFT JOIN "EvidenceSnapshot" s ON s."evidenceId" = e.id
      WHERE ${where}
      GROUP BY 1
      ORDER BY citations DESC, last_cited_at DESC
      LIMIT ${MAX_SOURCES}`;
  const canCheck = can(access, "annotation.create");
  if (hosts.length === 0)
    return { team: { slug: access.team.slug, name: access.team.name }, sources: [], canCheck };
  const pages = await db.$queryRaw<PageRow[]>`SELECT host, page,
            (array_agg(url ORDER BY created_at DESC))[1] AS url,
            (array_agg(title ORDER BY created_at DESC) FILTER (WHERE title IS NOT NULL))[1] AS title,
            (array_agg(publisher ORDER BY created_at DESC) FILTER (WHERE publisher IS NOT NULL))[1] AS publisher,
            COUNT(DISTINCT annotation_id) FILTER (WHERE relation = 'CORROBORATES')::int AS corroborates,
            COUNT(DISTINCT annotation_id) FILTER (WHERE relation = 'CONTRADICTS')::int AS contradicts,
            COUNT(*)::int AS citations,
            MAX(created_at) AS last_cited_at,
            COUNT(*) FILTER (WHERE gone)::int AS gone,
            COUNT(*) FILTER (WHERE changed)::int AS changed,
            (array_agg(evidence_id ORDER BY created_at DESC) FILTER (WHERE archived))[1] AS snapshot_evidence_id
       FROM (SELECT ${hostSql} AS host, ${pageSql} AS page, e.url, e.title, e.publisher,
                    e."annotationId" AS annotation_id, e.relation, e."createdAt" AS created_at,
                    e.id::text AS evidence_id, COALESCE(${GONE_SQL}, false) AS gone, ${CHANGED_SQL} AS changed,
                    COALESCE(s.state = 'ARCHIVED', false) AS archived
               FROM "Evidence" e
               JOIN "Annotation" a ON a.id = e."annotationId"
               JOIN "Article" ar ON ar.id = a."articleId"
               LEFT JOIN "EvidenceSnapshot" s ON s."evidenceId" = e.id
              WHERE ${where}) cited
      WHERE host = ANY(${hosts.map((row) => row.host)}::text[])
      GROUP BY host, page
      ORDER BY citations DESC, last_cited_at DESC`;
  const byHost = new Map<string, PageRow[]>();
  for (const page of pages) {
    const list = byHost.get(page.host) ?? [];
    list.push(page);
    byHost.set(page.host, list);
  }
  return {
    team: { slug: access.team.slug, name: access.team.name },
    canCheck,
    sources: hosts.map((host) => {
      const hostPages = byHost.get(host.host) ?? [];
      return {
        host: host.host,
        publisher: hostPages.find((page) => page.publisher !== null)?.publisher ?? null,
        corroborates: host.corroborates,
        contradicts: host.contradicts,
        citations: host.citations,
        articles: host.articles,
        lastCitedAt: host.last_cited_at.toISOString(),
        gone: host.gone,
        changed: host.changed,
        pages: hostPages.slice(0, MAX_PAGES_PER_SOURCE).map((page) => ({
          url: isSafeHttpUrl(page.url) ? page.url : null,
          title: page.title,
          corroborates: page.corroborates,
          contradicts: page.contradicts,
          citations: page.citations,
          lastCitedAt: page.last_cited_at.toISOString(),
          gone: page.gone,
          changed: page.changed,
          snapshotEvidenceId: page.snapshot_evidence_id,
        })),
      };
    }),
  };
}
