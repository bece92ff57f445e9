import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { requireTeamAction } from "../teams/access.ts";
import { type TListArticlesQuery, ZListArticlesQuery } from "../validation/articles.ts";
import { type ArticleJson, toArticleJson } from "./article-json.ts";
import { SEARCH_CONFIG_NAMES } from "./language.ts";

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

// ts_headline marks matches with control characters that the importer never lets into article
// text, so the snippet travels as data, never as HTML.
const MARK_START = "\u0001";
const MARK_END = "\u0002";

/** Relevance order ranks at most this many matches, the newest; older ones are listed by date. */
export const RELEVANCE_CANDIDATES = 1000;

/** Splits a ts_headline result into plain segments. */
export function parseSnippet(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  for (const [index, part] of headline.split(new RegExp(`[${MARK_START}${MARK_END}]`)).entries()) {
    if (part.length > 0) segments.push({ text: part, match: index % 2 === 1 });
  }
  return segments;
}

type Cursor = { t: string; id: string } | { o: number };

function encodeCursor(value: Cursor): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function isCursor(value: unknown): value is Cursor {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if ("o" in v) return Number.isInteger(v.o) && (v.o as number) >= 0 && (v.o as number) <= 1_000_000;
  return (
    typeof v.t === "string" &&
    !Number.isNaN(Date.parse(v.t)) &&
    typeof v.id === "string" &&
    /^[0-9a-f-]{36}$/.test(v.id)
  );
}

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (isCursor(value)) return value;
  } catch {
    // fall through
  }
  throw new AppError("invalid_input", "cursor: is not a cursor this endpoint returned");
}

function endOfDay(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}

/**
 * Lists a team's articles: newest first by default, by relevance (among the newest
 * RELEVANCE_CANDIDATES matches) with marked snippets when `q` searches title and body (PostgreSQL
 * full text), filtered by importer, import date and archive state. Keyset cursors for date order,
 * offset cursors for the others.
 * @throws AppError not_found | forbidden | invalid_input
 */
export async function listArticles({
  actor,
  teamSlug,
  query,
  relevanceCandidates = RELEVANCE_CANDIDATES,
}: {
  actor: Actor;
  teamSlug: string;
  query: Partial<TListArticlesQuery> | Record<string, unknown>;
  relevanceCandidates?: number;
}): Promise<ArticleList> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const input = ZListArticlesQuery.parse(query);
  const sort = input.sort ?? (input.q ? "relevance" : "newest");
  if (sort === "relevance" && !input.q)
    throw new AppError("invalid_input", "sort: relevance needs a search query q");
  const cursor = decodeCursor(input.cursor);
  const keyset = sort === "newest" || sort === "oldest";
  if (cursor && keyset !== !("o" in cursor))
    throw new AppError("invalid_input", "cursor: does not belong to this sort order");

  const where: Prisma.Sql[] = [
    Prisma.sql`a."teamId" = ${access.team.id}::uuid`,
    Prisma.sql`a."deletedAt" IS NULL`,
  ];
  if (input.archived === "exclude") where.push(Prisma.sql`a."archivedAt" IS NULL`);
  if (input.archived === "only") where.push(Prisma.sql`a."archivedAt" IS NOT NULL`);
  if (input.importedBy) where.push(Prisma.sql`a."importedById" = ${input.importedBy}::uuid`);
  if (input.from) where.push(Prisma.sql`a."createdAt" >= ${new Date(input.from)}`);
  if (input.to) where.push(Prisma.sql`a."createdAt" <= ${endOfDay(input.to)}`);
  // Each article is searched in its own language's configuration (index and query alike): the
  // query is parsed once per configuration (searchQueries), and each distinct parse is one branch
  // matching the articles of its configurations, which the GIN index answers exactly.
  const groups = input.q ? await searchQueries(input.q) : null;
  if (groups?.length === 0) return { items: [], nextCursor: null };
  if (cursor && "t" in cursor) {
    const op = sort === "newest" ? Prisma.sql`<` : Prisma.sql`>`;
    where.push(Prisma.sql`(a."createdAt", a.id) ${op} (${new Date(cursor.t)}, ${cursor.id}::uuid)`);
  }
  const offset = cursor && "o" in cursor ? cursor.o : 0;
  const order = {
    newest: Prisma.sql`a."createdAt" DESC, a.id DESC`,
    oldest: Prisma.sql`a."createdAt" ASC, a.id ASC`,
    title: Prisma.sql`lower(a.title) ASC, a.id ASC`,
    relevance: Prisma.empty, // rankNewestMatches
  }[sort];

  let hits: Hit[];
  if (!groups) {
    hits = await db.$queryRaw<Hit[]>`
      SELECT a.id, a."createdAt", NULL AS headline FROM "Article" a
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${order} OFFSET ${offset} LIMIT ${input.limit + 1}`;
  } else if (sort === "relevance") {
    hits =
      offset >= relevanceCandidates
        ? []
        : await rankNewestMatches(
            access.team.id,
            where,
            groups,
            relevanceCandidates,
            offset,
            input.limit + 1,
          );
  } else {
    // Title order reads every match (one branch per parse, through the GIN index); date order may
    // instead walk the date index and stop at the page, which the single condition lets it do.
    const matches =
      sort === "title"
        ? matching(where, groups)
        : Prisma.sql`SELECT a.id, a."createdAt", a.title, ${parseOf(groups)} AS query FROM "Article" a
            WHERE ${Prisma.join([...where, matchesAny(groups)], " AND ")}`;
    hits = await withHeadlines(
      Prisma.sql`SELECT a.id, a."createdAt", a.title, a.query FROM (${matches}) a
        ORDER BY ${order} OFFSET ${offset} LIMIT ${input.limit + 1}`,
      order,
    );
  }
  const page = hits.slice(0, input.limit);
  const rows = await db.article.findMany({
    where: { id: { in: page.map((hit) => hit.id) } },
    // Not the body, its Yjs state or its JSON snapshot: a list needs none of them.
    select: {
      id: true,
      title: true,
      byline: true,
      sourceUrl: true,
      publishedAt: true,
      language: true,
      format: true,
      fetchedUrl: true,
      sourceFetchedAt: true,
      createdAt: true,
      updatedAt: true,
      archivedAt: true,
      importedBy: { select: { id: true, name: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (hits.length > input.limit && last) {
    nextCursor = encodeCursor(
      keyset ? { t: last.createdAt.toISOString(), id: last.id } : { o: offset + input.limit },
    );
  }
  return {
    items: page.flatMap((hit) => {
      const row = byId.get(hit.id);
      if (!row) return [];
      const item: ArticleListItem = toArticleJson(row, access.team.slug);
      if (hit.headline !== null) item.snippet = parseSnippet(hit.headline);
      return [item];
    }),
    nextCursor,
  };
}

type Hit = { id: string; createdAt: Date; headline: string | null };
type SearchGroup = { query: string; configs: string[] };

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The search query parsed once in every configuration installed, grouped by result (most
 * configurations parse a word alike), without the empty parses (stop words only), which match
 * nothing.
 */
async function searchQueries(q: string): Promise<SearchGroup[]> {
  const configs = await searchConfigsInUse();
  const rows = await db.$queryRaw<SearchGroup[]>`
    SELECT websearch_to_tsquery(c::regconfig, ${q})::text AS query, array_agg(c ORDER BY c) AS configs
    FROM unnest(${configs}::text[]) AS c GROUP BY 1 ORDER BY 1`;
  return rows.filter((row) => row.query !== "");
}

/**
 * The articles matching the search, one branch per parse for the articles of its configurations,
 * with the parse each matched: for reading every match (or a window's), through the GIN index,
 * which decides the match exactly without reading the search vector from the table.
 */
function matching(where: Prisma.Sql[], groups: SearchGroup[]): Prisma.Sql {
  return Prisma.join(
    groups.map(
      (
        group,
      ) => Prisma.sql`SELECT a.id, a."createdAt", a.title, a."searchVector", ${group.query}::tsquery AS query
        FROM "Article" a
        WHERE ${Prisma.join([...where, matchesGroup(group)], " AND ")}`,
    ),
    " UNION ALL ",
  );
}

function matchesGroup(group: SearchGroup): Prisma.Sql {
  return Prisma.sql`a."searchConfig" = ANY(${group.configs}::regconfig[]) AND a."searchVector" @@ ${group.query}::tsquery`;
}

/**
 * The same match as one condition, for the date orders: the planner may then walk the
 * date index newest (or oldest) first and stop at the page, or use the GIN index per branch.
 */
function matchesAny(groups: SearchGroup[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(
    groups.map((group) => Prisma.sql`(${matchesGroup(group)})`),
    " OR ",
  )})`;
}

/** An article's parse of the search (a constant per configuration, never parsed per row). */
function parseOf(groups: SearchGroup[]): Prisma.Sql {
  return Prisma.sql`CASE ${Prisma.join(
    groups.map(
      (group) =>
        Prisma.sql`WHEN a."searchConfig" = ANY(${group.configs}::regconfig[]) THEN ${group.query}::tsquery`,
    ),
    " ",
  )} END`;
}

/**
 * A page of the newest `count` matches in relevance order (ts_rank, then newest first), with their
 * snippets. The matches are looked for among the team's newest 4 × `count` articles first, then in
 * a window twice as large as the matches found so far suggest (at least twice as large), then,
 * once that would pass 64 × `count` articles, among all: a broad query fills the first window (a
 * few thousand index entries and the matching rows), a rare one is answered by the GIN index
 * alone. A window holding `count` matches holds the newest `count` matches overall; until one
 * does, nothing is ranked and no snippet is made.
 */
async function rankNewestMatches(
  teamId: string,
  where: Prisma.Sql[],
  groups: SearchGroup[],
  count: number,
  offset: number,
  limit: number,
): Promise<Hit[]> {
  let window = 4 * count;
  for (;;) {
    // Finding a window's start reads its index entries: past 64 × `count` articles, the matches
    // are rare enough (under one in 32) for the GIN index to read them all instead.
    const [bound] =
      window > 64 * count
        ? []
        : await db.$queryRaw<{ createdAt: Date }[]>`
            SELECT "createdAt" FROM "Article" WHERE "teamId" = ${teamId}::uuid
            ORDER BY "createdAt" DESC OFFSET ${window - 1} LIMIT 1`;
    const inWindow = bound ? [...where, Prisma.sql`a."createdAt" >= ${bound.createdAt}`] : where;
    // OFFSET 0 plans the branches for all their rows: each is read through the GIN index (and the
    // window's range), never by walking the date index and reading every search vector on the way.
    const rows = await db.$queryRaw<(Hit & { complete: boolean; found: number })[]>`
      SELECT a.id, a."createdAt", a.complete, a.found,
             CASE WHEN a.complete THEN ts_headline(h."searchConfig", h.text, a.query, ${HEADLINE_OPTIONS}) END AS headline
      FROM (SELECT c.id, c."createdAt", c.query, c.complete, c.found,
                   CASE WHEN c.complete THEN ts_rank(c."searchVector", c.query) END AS score
            FROM (SELECT m.*, count(*) OVER ()::int AS found, count(*) OVER () = ${count} OR ${!bound} AS complete
                  FROM (SELECT a.id, a."createdAt", a.query, a."searchVector"
                        FROM (${matching(inWindow, groups)} OFFSET 0) a
                        ORDER BY a."createdAt" DESC, a.id DESC LIMIT ${count}) m) c
            ORDER BY score DESC, c."createdAt" DESC, c.id DESC OFFSET ${offset} LIMIT ${limit}) a
      JOIN "Article" h ON h.id = a.id
      ORDER BY a.score DESC, a."createdAt" DESC, a.id DESC`;
    if (!bound || rows[0]?.complete) return rows;
    const found = rows[0]?.found ?? 0;
    window = Math.max(2 * window, Math.ceil((2 * window * count) / Math.max(found, 1)));
  }
}

/** A page of hits (id, createdAt, query and the sort's columns) with the snippets of its rows only. */
function withHeadlines(page: Prisma.Sql, order: Prisma.Sql): Promise<Hit[]> {
  return db.$queryRaw<Hit[]>`
    SELECT a.id, a."createdAt", ts_headline(h."searchConfig", h.text, a.query, ${HEADLINE_OPTIONS}) AS headline
    FROM (${page}) a JOIN "Article" h ON h.id = a.id
    ORDER BY ${order}`;
}

let installedConfigs: Promise<string[]> | undefined;

/** The text-search configurations articles can carry that this PostgreSQL server has (cached). */
async function searchConfigsInUse(): Promise<string[]> {
  installedConfigs ??= db.$queryRaw<
    { cfgname: string }[]
  >`SELECT cfgname FROM pg_ts_config WHERE cfgname = ANY(${[...SEARCH_CONFIG_NAMES]})`
    .then((rows) => rows.map((row) => row.cfgname).sort())
    .catch((error) => {
      installedConfigs = undefined;
      throw error;
    });
  return installedConfigs;
}
