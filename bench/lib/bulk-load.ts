// Bulk-loads articles and annotations straight into PostgreSQL (not through the API), for the
// queries-at-scale and export benchmarks: article text from a seeded Zipf generator
// (news-text.ts), annotations with INSERT ... SELECT generate_series.
import pg from "pg";
import { newsTextGenerator } from "./news-text.ts";

export interface BulkLoadOptions {
  teamId: string;
  authorId: string;
  /** Annotators who tag the same passages in turn (default: `authorId` alone). */
  authorIds?: string[];
  articles: number;
  annotationsPerArticle: number;
  wordsPerArticle: number;
  log?: (line: string) => void;
}

/**
 * Inserts `articles` articles of Zipf-distributed text (with search vectors) and
 * `annotationsPerArticle` annotations on each, whose quote, prefix and suffix are real slices of
 * the article text: passages tagged by up to three annotators in turn, who give the same label
 * except on every tenth passage (a disagreement); 20 % pending, the rest approved or rejected.
 * Runs VACUUM ANALYZE afterwards.
 * @throws pg errors
 */
export async function bulkLoad(databaseUrl: string, options: BulkLoadOptions): Promise<{ ms: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  const authors = options.authorIds?.length ? options.authorIds : [options.authorId];
  const text = newsTextGenerator();
  try {
    const batch = 1000;
    for (let from = 0; from < options.articles; from += batch) {
      const count = Math.min(batch, options.articles - from);
      const titles: string[] = [];
      const bodies: string[] = [];
      for (let i = 0; i < count; i++) {
        titles.push(text.title(from + i + 1));
        bodies.push(text.body(options.wordsPerArticle));
      }
      await client.query(
        `INSERT INTO "Article" (id, "teamId", "importedById", title, format, ydoc, "contentJson", text, "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, t.title, 'TEXT', '\\x'::bytea,
                '{"type":"doc","content":[]}'::jsonb, t.body,
                now() - (($3::int + t.n) || ' minutes')::interval, now()
         FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS t(title, body, n)`,
        [options.teamId, options.authorId, from, titles, bodies],
      );
    }
    await client.query(
      `UPDATE "Article" SET "searchVector" =
         setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
         setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')
       WHERE "teamId" = $1::uuid`,
      [options.teamId],
    );
    options.log?.(`bulk load: ${options.articles} articles in ${Date.now() - started} ms`);
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM "Article" WHERE "teamId" = $1::uuid ORDER BY id`,
      [options.teamId],
    );
    const ids = rows.map((row) => row.id);
    for (let from = 0; from < ids.length; from += batch) {
      await client.query(
        `INSERT INTO "Annotation" (id, "teamId", "articleId", "authorId", label, status, anchor, quote, prefix, suffix,
                                   start, "end", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), a."teamId", a.id, ($2::uuid[])[1 + k % cardinality($2::uuid[])],
                (ARRAY['FACT','OPINION','ADVOCACY'])[1 + (p.passage + CASE WHEN p.passage % 10 = 0 AND k % 3 = 2 THEN 1 ELSE 0 END) % 3]::"Label",
                (CASE WHEN k % 5 = 0 THEN 'PENDING' WHEN k % 5 < 3 THEN 'APPROVED' ELSE 'REJECTED' END)::"AnnotationStatus",
                '{"v":1,"start":"AA","end":"AA"}'::jsonb,
                substr(a.text, p.s + 1, p.len),
                substr(a.text, greatest(0, p.s - 32) + 1, p.s - greatest(0, p.s - 32)),
                substr(a.text, p.s + p.len + 1, 32),
                p.s, p.s + p.len,
                a."createdAt" + (k || ' seconds')::interval, now()
         FROM "Article" a
         CROSS JOIN generate_series(1, $3::int) k
         -- Three tags per passage (k / 3), a little apart; passages every 60 characters, so
         -- the clusters of overlapping tags are the passages, as when annotators tag sentences.
         CROSS JOIN LATERAL (SELECT k / 3 AS passage) q
         CROSS JOIN LATERAL (SELECT q.passage,
                                    (q.passage * 60 + (k % 3) * 2) % greatest(1, length(a.text) - 60) AS s,
                                    10 + (q.passage * 13) % 40 + (k % 3) AS len) p
         WHERE a.id = ANY($1::uuid[])`,
        [ids.slice(from, from + batch), authors, options.annotationsPerArticle],
      );
      if ((from / batch) % 2 === 1)
        options.log?.(
          `bulk load: ${(from + batch) * options.annotationsPerArticle} annotations, ${Date.now() - started} ms`,
        );
    }
    // What autovacuum does to a table after a bulk insert (statistics, visibility map), so the
    // plans measured are the ones production gets.
    await client.query(`VACUUM ANALYZE "Article"`);
    await client.query(`VACUUM ANALYZE "Annotation"`);
    return { ms: Date.now() - started };
  } finally {
    await client.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query, as text lines. */
export async function explain(databaseUrl: string, sql: string, params: unknown[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      params,
    );
    return rows.map((row) => row["QUERY PLAN"]);
  } finally {
    await client.end();
  }
}
