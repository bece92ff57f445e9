// lib/db/serialize-transaction-queries.ts: inside an interactive transaction, Prisma reads an
// include's relations concurrently; they must reach the transaction's pg client one at a time
// (pg warns about, and pg 9 removes, queueing on a busy client), with the same results.
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ANNOTATION_INCLUDE } from "../../lib/annotations/annotation-json.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { createTeamWithMembers } from "../support/factories.ts";

// Observes (does not replace) pg's Client.query: how many queries each client has in flight.
const inFlight = new Map<object, number>();
let maxInFlight = 0;
const originalQuery = pg.Client.prototype.query;

beforeAll(() => {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this forwards them all.
  (pg.Client.prototype as any).query = function observedQuery(this: pg.Client, ...args: any[]) {
    const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      const count = (inFlight.get(this) ?? 0) + 1;
      inFlight.set(this, count);
      maxInFlight = Math.max(maxInFlight, count);
      const done = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
});

afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

it("sends an include's relation reads inside a transaction one at a time, with the same result as outside", async () => {
  const team = await createTeamWithMembers();
  const article = await db.$transaction((tx) =>
    insertArticle(tx, {
      teamId: team.id,
      importedById: team.admin.id,
      title: "Serial",
      format: "text",
      content: "A short text to annotate.",
    }),
  );
  await db.annotation.create({
    data: {
      teamId: team.id,
      articleId: article.id,
      authorId: team.annotator.id,
      label: "FACT",
      anchor: {},
      quote: "short",
      prefix: "A ",
      suffix: " text",
      start: 2,
      end: 7,
    },
  });
  const outside = await db.annotation.findMany({
    where: { articleId: article.id },
    include: ANNOTATION_INCLUDE,
  });

  maxInFlight = 0;
  const inside = await db.$transaction((tx) =>
    tx.annotation.findMany({ where: { articleId: article.id }, include: ANNOTATION_INCLUDE }),
  );
  expect(inside).toEqual(outside);
  expect(inside[0]?.author.id).toBe(team.annotator.id);
  // BEGIN, the annotations, then author, evidence, citations and reviews: never two at once.
  expect(maxInFlight).toBe(1);
});
