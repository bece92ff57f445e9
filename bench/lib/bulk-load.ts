// Bulk-loads articles and annotations with INSERT ... SELECT generate_series, straight into
// PostgreSQL (not through the API), for the queries-at-scale and export benchmarks.
import pg from "pg";
import { VOCABULARY } from "./text.ts";

export interface BulkLoadOptions {
  teamId: string;
  authorId: string;
  articles: number;
  annotationsPerArticle: number;
  wordsPerArticle: number;
  log?: (line: string) => void;
}

/**
 * Inserts `articles` articles of random vocabulary text (with search vectors) and
 * `annotationsPerArticle` annotations on each, whose quote, prefix and suffix are real slices
 * of the article text; 20% pending, the rest approved or rejected. Runs ANALYZE afterwards.
 * @throws pg errors
 */
export async function bulkLoad(databaseUrl: string, options: BulkLoadOptions): Promise<{ ms: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    const batch = 1000;
    for (let from = 0; from < options.articles; from += batch) {
      const count = Math.min(batch, options.articles - from);
      await client.query(
        `INSERT INTO "Article" (id, "teamId", "importedById", title, format, ydoc, "contentJson", text, "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, $2::uuid,
                'Bench article ' || ($3::int + g) || ' ' || ($5::text[])[1 + floor(random() * $6)::int],
                'TEXT', '\\x'::bytea, '{"type":"doc","content":[]}'::jsonb, w.body,
                now() - (($3::int + g) || ' minutes')::interval, now()
         FROM generate_series(1, $4::int) g,
         LATERAL (SELECT string_agg(($5::text[])[1 + floor(random() * $6)::int], ' ') AS body
                  FROM generate_series(1, $7::int) j WHERE g IS NOT NULL) w`,
        [
          options.teamId,
          options.authorId,
          from,
          count,
          VOCABULARY,
          VOCABULARY.length,
          options.wordsPerArticle,
        ],
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
         SELECT gen_random_uuid(), a."teamId", a.id, $2::uuid,
                (ARRAY['FACT','OPINION','ADVOCACY'])[1 + k % 3]::"Label",
                (CASE WHEN k % 5 = 0 THEN 'PENDING' WHEN k % 5 < 3 THEN 'APPROVED' ELSE 'REJECTED' END)::"AnnotationStatus",
                '{"v":1,"start":"AA","end":"AA"}'::jsonb,
                substr(a.text, p.s + 1, p.len),
                substr(a.text, greatest(0, p.s - 32) + 1, p.s - greatest(0, p.s - 32)),
                substr(a.text, p.s + p.len + 1, 32),
                p.s, p.s + p.len,
                a."createdAt" + (k || ' seconds')::interval, now()
         FROM "Article" a
         CROSS JOIN generate_series(1, $3::int) k
         CROSS JOIN LATERAL (SELECT (k * 37 + length(a.title)) % greatest(1, length(a.text) - 60) AS s,
                                    10 + (k * 13) % 40 AS len) p
         WHERE a.id = ANY($1::uuid[])`,
        [ids.slice(from, from + batch), options.authorId, options.annotationsPerArticle],
      );
      if ((from / batch) % 2 === 1)
        options.log?.(
          `bulk load: ${(from + batch) * options.annotationsPerArticle} annotations, ${Date.now() - started} ms`,
        );
    }
    await client.query(`ANALYZE "Article"`);
    await client.query(`ANALYZE "Annotation"`);
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
