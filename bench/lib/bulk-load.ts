// Bulk-loads articles and annotations straight into PostgreSQL (not through the API), for the
// queries-at-scale and export benchmarks: article text from a seeded Zipf generator
// (news-text.ts), annotations with INSERT ... SELECT generate_series.
import pg from "pg";
import { newsTextGenerator } from "./news-text.ts";

// Printable ASCII and the whitespace the generator writes.
const ASCII = /^[\t\n\r\x20-\x7e]*$/;

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
  const started = Date.now();
  const authors = options.authorIds?.length ? options.authorIds : [options.authorId];
  const text = newsTextGenerator();
  // Below a million annotations the indexes are kept (rebuilding them costs more than it saves).
  const rebuildIndexes = options.articles * options.annotationsPerArticle >= 1_000_000;
  const connections = [
    new pg.Client({ connectionString: databaseUrl }),
    new pg.Client({ connectionString: databaseUrl }),
  ] as const;
  const [client, second] = connections;
  const pending: Promise<unknown>[] = [];
  const dropped: { name: string; definition: string }[] = [];
  for (const connection of connections) {
    await connection.connect();
    await connection.query("SET synchronous_commit = off");
    // Needs a superuser (the embedded PostgreSQL's); elsewhere the checks simply run.
    await connection.query("SET session_replication_role = replica").catch(() => undefined);
    await connection.query("SET maintenance_work_mem = '512MB'");
  }
  try {
    const batch = 1000;
    for (let from = 0; from < options.articles; from += batch) {
      const count = Math.min(batch, options.articles - from);
      const titles: string[] = [];
      const bodies: string[] = [];
      for (let i = 0; i < count; i++) {
        titles.push(text.title(from + i + 1));
        bodies.push(text.body(options.wordsPerArticle));
        // The annotations below slice the text by bytes, which are its characters only in ASCII.
        if (!ASCII.test(bodies[i]!)) throw new Error("bulk load: the generated text must be ASCII");
      }
      // Two batches in flight: the next one's text is generated while these are written.
      if (pending.length >= 2) await Promise.all(pending.splice(0));
      // The search vector is computed as the row is written (the same expression as
      // lib/articles/search-vector.ts), not by a second pass that rewrites every row.
      pending.push(
        connections[(from / batch) % 2]!.query(
          `INSERT INTO "Article" (id, "teamId", "importedById", title, format, ydoc, "contentJson", text,
                                  "searchVector", "createdAt", "updatedAt")
           SELECT gen_random_uuid(), $1::uuid, $2::uuid, t.title, 'TEXT', '\\x'::bytea,
                  '{"type":"doc","content":[]}'::jsonb, t.body,
                  setweight(to_tsvector('english'::regconfig, coalesce(t.title, '')), 'A') ||
                  setweight(to_tsvector('english'::regconfig, coalesce(t.body, '')), 'B'),
                  now() - (($3::int + t.n) || ' minutes')::interval, now()
           FROM unnest($4::text[], $5::text[]) WITH ORDINALITY AS t(title, body, n)`,
          [options.teamId, options.authorId, from, titles, bodies],
        ),
      );
    }
    await Promise.all(pending.splice(0));
    options.log?.(`bulk load: ${options.articles} articles in ${Date.now() - started} ms`);
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM "Article" WHERE "teamId" = $1::uuid ORDER BY id`,
      [options.teamId],
    );
    const ids = rows.map((row) => row.id);
    if (rebuildIndexes) {
      const { rows: indexes } = await client.query<{ name: string; definition: string }>(
        `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
         FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
         WHERE x.indrelid = '"Annotation"'::regclass AND NOT x.indisprimary AND NOT x.indisunique`,
      );
      for (const index of indexes) {
        await client.query(`DROP INDEX "${index.name}"`);
        dropped.push(index);
      }
      options.log?.(`bulk load: ${dropped.length} secondary indexes of Annotation dropped for the load`);
    }
    let done = 0;
    for (let from = 0; from < ids.length; from += batch) {
      if (pending.length >= 2) await Promise.all(pending.splice(0));
      const count = Math.min(batch, ids.length - from) * options.annotationsPerArticle;
      const report = (from / batch) % 10 === 9;
      pending.push(
        connections[(from / batch) % 2]!.query(
          `INSERT INTO "Annotation" (id, "teamId", "articleId", "authorId", label, status, anchor, quote, prefix, suffix,
                                     start, "end", "createdAt", "updatedAt")
           SELECT gen_random_uuid(), a."teamId", a.id, ($2::uuid[])[1 + k % cardinality($2::uuid[])],
                  (ARRAY['FACT','OPINION','ADVOCACY'])[1 + (p.passage + CASE WHEN p.passage % 10 = 0 AND k % 3 = 2 THEN 1 ELSE 0 END) % 3]::"Label",
                  (CASE WHEN k % 5 = 0 THEN 'PENDING' WHEN k % 5 < 3 THEN 'APPROVED' ELSE 'REJECTED' END)::"AnnotationStatus",
                  '{"v":1,"start":"AA","end":"AA"}'::jsonb,
                  convert_from(substring(a.bytes FROM p.s + 1 FOR p.len), 'UTF8'),
                  convert_from(substring(a.bytes FROM greatest(0, p.s - 32) + 1 FOR p.s - greatest(0, p.s - 32)), 'UTF8'),
                  convert_from(substring(a.bytes FROM p.s + p.len + 1 FOR 32), 'UTF8'),
                  p.s, p.s + p.len,
                  a."createdAt" + k * interval '1 second', now()
           -- Each article's text as bytes once (OFFSET 0 keeps the subquery from being pulled
           -- up): substr on UTF-8 text walks the characters from the start at every call, which
           -- was most of the load's time; a byte slice is direct, and the text is ASCII.
           FROM (SELECT id, "teamId", "createdAt", convert_to(text, 'UTF8') AS bytes, octet_length(text) AS length
                 FROM "Article" WHERE id = ANY($1::uuid[]) OFFSET 0) a
           CROSS JOIN generate_series(1, $3::int) k
           -- Three tags per passage (k / 3), a little apart; passages every 60 characters, so
           -- the clusters of overlapping tags are the passages, as when annotators tag sentences.
           CROSS JOIN LATERAL (SELECT k / 3 AS passage) q
           CROSS JOIN LATERAL (SELECT q.passage,
                                      (q.passage * 60 + (k % 3) * 2) % greatest(1, a.length - 60) AS s,
                                      10 + (q.passage * 13) % 40 + (k % 3) AS len) p`,
          [ids.slice(from, from + batch), authors, options.annotationsPerArticle],
        ).then(() => {
          done += count;
          if (report) options.log?.(`bulk load: ${done} annotations, ${Date.now() - started} ms`);
        }),
      );
    }
    await Promise.all(pending.splice(0));
    await rebuild(connections, dropped.splice(0));
    if (rebuildIndexes) options.log?.(`bulk load: indexes built again, ${Date.now() - started} ms`);
    // What autovacuum does to a table after a bulk insert (statistics, visibility map), so the
    // plans measured are the ones production gets.
    await Promise.all([
      client.query(`VACUUM ANALYZE "Article"`),
      second.query(`VACUUM ANALYZE "Annotation"`),
    ]);
    return { ms: Date.now() - started };
  } finally {
    await Promise.allSettled(pending);
    // A failed load still leaves the schema whole.
    await rebuild(connections, dropped).catch(() => undefined);
    for (const connection of connections) await connection.end();
  }
}

// Builds the given indexes from their definitions, one per connection at a time.
async function rebuild(
  connections: readonly pg.Client[],
  indexes: { name: string; definition: string }[],
): Promise<void> {
  const queue = [...indexes];
  await Promise.all(
    connections.map(async (connection) => {
      for (let index = queue.shift(); index; index = queue.shift()) await connection.query(index.definition);
    }),
  );
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
