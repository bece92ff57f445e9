import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { requireTeamAction } from "../teams/access.ts";
import { type TListArticlesQuery, ZListArticlesQuery } from "../validation/articles.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";
import { SEARCH_CONFIG } from "./search-vector.ts";

/** A piece of a search snippet; `match` marks the words that matched the query. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export interface ArticleListItem extends ArticleJson {
  snippet?: SnippetSegment[];
}

export interface ArticleList {
  items: ArticleListItem[];
  nextCursor: string | null;
}

// ts_headline marks matches with control characters that cannot occur in article text
// (the importer keeps only printable text), so the snippet travels as data, never as HTML.
const MARK_START = "\u0001";
const MARK_END = "\u0002";

/** Splits a ts_headline result into plain segments. */
export function parseSnippet(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  for (const [index, part] of headline.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part.length > 0) segments.push({ text: part, match: index % 2 === 1 });
  }
  return segments;
}

function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeCursor<T>(cursor: string | undefined, check: (value: unknown) => value is T): T | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new AppError("invalid_input", "cursor: is not a cursor this endpoint returned");
}

const isKeysetCursor = (v: unknown): v is { t: string; id: string } =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { t: unknown }).t === "string" &&
  typeof (v as { id: unknown }).id === "string" &&
  !Number.isNaN(Date.parse((v as { t: string }).t)) &&
  /^[0-9a-f-]{36}$/.test((v as { id: string }).id);
const isOffsetCursor = (v: unknown): v is { o: number } =>
  typeof v === "object" &&
  v !== null &&
  Number.isInteger((v as { o: unknown }).o) &&
  (v as { o: number }).o >= 0 &&
  (v as { o: number }).o < 100_000;

/**
 * Lists a team's articles, newest first, or by relevance with result snippets when `q` is
 * given (PostgreSQL full text over title and body). Cursor pagination.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function listArticles({
  actor,
  teamSlug,
  query,
}: {
  actor: Actor;
  teamSlug: string;
  query: Partial<TListArticlesQuery> | Record<string, unknown>;
}): Promise<ArticleList> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const { q, cursor, limit } = ZListArticlesQuery.parse(query);
  const select = { importedBy: { select: { id: true, name: true } } } as const;

  if (!q) {
    const after = decodeCursor(cursor, isKeysetCursor);
    const rows = await db.article.findMany({
      where: {
        teamId: access.team.id,
        deletedAt: null,
        ...(after
          ? {
              OR: [
                { createdAt: { lt: new Date(after.t) } },
                { createdAt: new Date(after.t), id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      include: select,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toArticleJson(row, access.team.slug)),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  const offset = decodeCursor(cursor, isOffsetCursor)?.o ?? 0;
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  const hits = await db.$queryRaw<{ id: string; headline: string }[]>`
    SELECT a.id, ts_headline(${SEARCH_CONFIG}::regconfig, a.text, query, ${options}) AS headline
    FROM "Article" a, websearch_to_tsquery(${SEARCH_CONFIG}::regconfig, ${q}) query
    WHERE a."teamId" = ${access.team.id}::uuid AND a."deletedAt" IS NULL AND a."searchVector" @@ query
    ORDER BY ts_rank(a."searchVector", query) DESC, a."createdAt" DESC, a.id DESC
    OFFSET ${offset} LIMIT ${limit + 1}`;
  const page = hits.slice(0, limit);
  const rows = await db.article.findMany({
    where: { id: { in: page.map((hit) => hit.id) } },
    include: select,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    items: page.flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [{ ...toArticleJson(row, access.team.slug), snippet: parseSnippet(hit.headline) }] : [];
    }),
    nextCursor: hits.length > limit ? encodeCursor({ o: offset + limit }) : null,
  };
}
