// Over 400 lines: batched export against a straightforward reference over many shapes of data, one fixture.
// The team export reads a page of articles, then their annotations in batches with one query per
// relation over the batch (lib/export/load-article-export.ts). These tests pin down that batching
// changes nothing in the output (compared with a reference built the straightforward way: Prisma
// includes, one article at a time, as the export used to read), whatever the page sizes, and that
// the number of queries depends on the number of pages, not of articles or annotations.
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { type ExportFilters, resolveExportFilters } from "../../lib/export/export-filters.ts";
import { validateArticleExport } from "../../lib/export/export-schema.ts";
import { ARTICLE_BATCH_SIZE, type ExportBatchSizes, exportTeam } from "../../lib/export/export-team.ts";
import type { ArticleExport, ExportedAnnotation } from "../../lib/export/export-types.ts";
import { toRfc3986 } from "../../lib/export/json-schema-formats.ts";
import { EXPORT_ARTICLE_SELECT, toExportedArticle } from "../../lib/export/load-article-export.ts";
import type { Prisma } from "../../lib/generated/prisma/client.ts";
import type { AnnotationStatus, Label } from "../../lib/generated/prisma/enums.ts";
import { getTeamAccessOrThrow } from "../../lib/teams/access.ts";
import { ZTeamExportQuery } from "../../lib/validation/export.ts";
import {
  createTeamWithMembers,
  insertAnnotationRow,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

const NOW = new Date("2026-11-25T12:00:00Z");
const TEXT =
  "Officials said 34,573 airstrikes 👋 hit targets. Critics called it a corrupt government. Support them now!";

let team: TestTeam;
const articleIds: string[] = [];

// ---- counting the SQL statements sent to PostgreSQL (real queries, only counted) ----
let queries = 0;
const originalQuery = pg.Client.prototype.query;
function countQueries(): void {
  queries = 0;
  // biome-ignore lint/suspicious/noExplicitAny: wraps pg's overloaded method without changing it
  (pg.Client.prototype as any).query = function (this: pg.Client, ...args: unknown[]) {
    queries++;
    // biome-ignore lint/suspicious/noExplicitAny: forwards every overload as is
    return (originalQuery as any).apply(this, args);
  };
}
afterEach(() => {
  pg.Client.prototype.query = originalQuery;
});

// ---- the reference: Prisma includes, one article at a time (the former implementation) ----
const USER_REF = { select: { id: true, name: true } } as const;
const REFERENCE_INCLUDE = {
  author: USER_REF,
  evidence: {
    where: { deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      addedBy: USER_REF,
      targetAnnotation: { select: { id: true, articleId: true, deletedAt: true, status: true } },
      targetArticle: { select: { id: true, deletedAt: true } },
      snapshot: true,
    },
  },
  reviews: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { moderator: USER_REF } },
  replies: {
    where: { deletedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: USER_REF },
  },
} as const satisfies Prisma.AnnotationInclude;
type ReferenceRow = Prisma.AnnotationGetPayload<{ include: typeof REFERENCE_INCLUDE }>;

function referenceWhere(filters: ExportFilters): Prisma.AnnotationWhereInput {
  return {
    deletedAt: null,
    status: { in: filters.statuses },
    ...(filters.label ? { label: filters.label } : {}),
    ...(filters.since ? { updatedAt: { gte: filters.since } } : {}),
  };
}

function referenceAnnotation(row: ReferenceRow, filters: ExportFilters): ExportedAnnotation {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  const uri = (value: string | null) => (value === null ? null : toRfc3986(value));
  const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;
  return {
    id: row.id,
    label: lower(row.label),
    status: lower(row.status),
    quote: row.quote,
    prefix: row.prefix,
    suffix: row.suffix,
    start: row.start,
    end: row.end,
    note: row.note,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    orphaned: row.orphaned,
    importedFromId: row.importedFromId,
    evidence: row.evidence
      .filter((e) => !e.targetAnnotation || filters.visible.includes(e.targetAnnotation.status))
      .map((e) => {
        const internal = e.url === null;
        return {
          id: e.id,
          relation: lower(e.relation),
          kind: internal ? ("internal" as const) : ("external" as const),
          url: uri(e.url),
          title: e.title,
          publisher: e.publisher,
          quote: e.quote,
          accessedAt: iso(e.accessedAt),
          archivedUrl: uri(e.archivedUrl),
          targetAnnotationId: e.targetAnnotationId,
          targetArticleId: e.targetArticleId ?? e.targetAnnotation?.articleId ?? null,
          removed:
            internal &&
            ((e.targetAnnotationId === null && e.targetArticleId === null) ||
              Boolean(e.targetAnnotation?.deletedAt) ||
              Boolean(e.targetArticle?.deletedAt)),
          note: e.note,
          addedBy: e.addedBy,
          createdAt: e.createdAt.toISOString(),
          ...(internal
            ? {}
            : {
                snapshot: e.snapshot
                  ? {
                      state: lower(e.snapshot.state),
                      fetchedAt: iso(e.snapshot.fetchedAt),
                      sha256: e.snapshot.sha256,
                      httpStatus: e.snapshot.httpStatus,
                      finalUrl: uri(e.snapshot.finalUrl),
                      contentType: e.snapshot.contentType,
                      title: e.snapshot.title,
                      lastCheck:
                        e.snapshot.checkStatus && e.snapshot.checkedAt
                          ? {
                              status: lower(e.snapshot.checkStatus),
                              checkedAt: e.snapshot.checkedAt.toISOString(),
                              changed: e.snapshot.contentChanged,
                            }
                          : null,
                    }
                  : null,
              }),
        };
      }),
    reviews: row.reviews.map((r) => ({
      id: r.id,
      decision: lower(r.decision),
      fromLabel: r.fromLabel ? lower(r.fromLabel) : null,
      toLabel: r.toLabel ? lower(r.toLabel) : null,
      reason: r.reason,
      moderator: r.moderator,
      createdAt: r.createdAt.toISOString(),
    })),
    replies: row.replies.map((r) => ({
      id: r.id,
      body: r.body,
      author: r.author,
      createdAt: r.createdAt.toISOString(),
      editedAt: iso(r.editedAt),
    })),
  };
}

async function referenceExport(user: TestUser, query: Record<string, string>): Promise<ArticleExport[]> {
  const access = await getTeamAccessOrThrow(user.actor, { slug: team.slug });
  const filters = resolveExportFilters(access, ZTeamExportQuery.parse(query));
  const where = referenceWhere(filters);
  const articles = await db.article.findMany({
    where: {
      teamId: team.id,
      deletedAt: null,
      ...(filters.narrowed ? { annotations: { some: where } } : {}),
    },
    select: EXPORT_ARTICLE_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const result: ArticleExport[] = [];
  for (const article of articles) {
    const rows = await db.annotation.findMany({
      where: { articleId: article.id, ...where },
      include: REFERENCE_INCLUDE,
      orderBy: [{ start: "asc" }, { id: "asc" }],
    });
    result.push({
      schemaVersion: 1,
      exportedAt: NOW.toISOString(),
      team: access.team,
      article: toExportedArticle(article),
      annotations: rows.map((row) => referenceAnnotation(row, filters)),
    });
  }
  return result;
}

async function exportText(
  user: TestUser,
  query: Record<string, string>,
  sizes?: ExportBatchSizes,
): Promise<string> {
  const download = await exportTeam({
    actor: user.actor,
    teamSlug: team.slug,
    query,
    baseUrl: "http://localhost",
    now: NOW,
    sizes,
  });
  return new Response(download.body).text();
}

// ---- the team: 7 live articles (one without annotations, one archived), one deleted ----
async function annotate(
  articleId: string,
  author: TestUser,
  quote: string,
  extra: { label?: Label; status?: AnnotationStatus } & Partial<Prisma.AnnotationUncheckedCreateInput> = {},
): Promise<string> {
  return insertAnnotationRow({
    teamId: team.id,
    articleId,
    authorId: author.id,
    label: "FACT",
    text: TEXT,
    quote,
    extra: { status: "APPROVED", ...extra },
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  const base = Date.parse("2026-01-01T00:00:00Z");
  for (let i = 0; i < 8; i++) {
    const article = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId: team.id,
        importedById: team.admin.id,
        title: `Article ${i}`,
        format: "text",
        content: TEXT,
      }),
    );
    // two articles share a creation time: the id breaks the tie, across a page boundary too
    const createdAt = new Date(base + Math.min(i, 5) * 60_000);
    await db.article.update({ where: { id: article.id }, data: { createdAt } });
    articleIds.push(article.id);
  }
  const [a0, a1, a2, , a4, a5, a6, deleted] = articleIds as [string, ...string[]];
  await db.article.update({ where: { id: a4! }, data: { archivedAt: new Date() } });
  const { annotator, moderator, admin } = team;
  // article 0: many annotations, two at the same start (id breaks the tie), every status
  const fact = await annotate(a0, annotator, "34,573 airstrikes", { note: "the figure" });
  const same1 = await annotate(a0, moderator, "34,573", { label: "OPINION" });
  const same2 = await annotate(a0, annotator, "34,573", { label: "ADVOCACY", status: "PENDING" });
  const rejected = await annotate(a0, annotator, "a corrupt government", {
    label: "OPINION",
    status: "REJECTED",
  });
  const pending = await annotate(a0, annotator, "Support them now!", {
    label: "ADVOCACY",
    status: "PENDING",
  });
  const gone = await annotate(a0, annotator, "Officials", { deletedAt: new Date() });
  await annotate(a0, annotator, "Critics", { orphaned: true, updatedAt: new Date("2025-01-01T00:00:00Z") });
  // article 1: annotations citing others; article 2: one annotation; article 3: none
  const citing = await annotate(a1!, annotator, "hit targets");
  const citingHidden = await annotate(a1!, moderator, "Critics called", { label: "OPINION" });
  await annotate(a2!, admin, "👋 hit", { label: "OPINION", note: 'quote " and \\ and \n' });
  await annotate(a4!, annotator, "airstrikes", { status: "PENDING" });
  for (const [k, quote] of ["Officials said", "said", "targets", "government"].entries())
    await annotate(a5!, k % 2 ? moderator : annotator, quote, { label: k % 2 ? "FACT" : "OPINION" });
  await annotate(a6!, annotator, "now!");
  await annotate(deleted!, annotator, "now!");
  await db.article.update({ where: { id: deleted! }, data: { deletedAt: new Date() } });
  const goneArticle = await db.$transaction((tx) =>
    insertArticle(tx, {
      teamId: team.id,
      importedById: admin.id,
      title: "gone",
      format: "text",
      content: TEXT,
    }),
  );
  await db.article.update({ where: { id: goneArticle.id }, data: { deletedAt: new Date() } });

  const evidence = (data: Omit<Prisma.EvidenceUncheckedCreateInput, "addedById">) =>
    db.evidence.create({ data: { addedById: annotator.id, ...data } });
  await evidence({
    annotationId: fact,
    relation: "CORROBORATES",
    url: "https://airwars.org/report?ids=1|2 3",
    title: "Airwars",
    publisher: "Airwars",
    quote: "34,573",
    accessedAt: new Date("2026-11-01T10:00:00Z"),
    archivedUrl: "https://web.archive.org/x{y}",
  });
  await evidence({
    annotationId: fact,
    relation: "CONTRADICTS",
    url: "https://example.org/deleted",
    deletedAt: new Date(),
  });
  await evidence({
    annotationId: citing,
    relation: "CORROBORATES",
    targetAnnotationId: fact,
    targetArticleId: a0,
  });
  await evidence({ annotationId: citing, relation: "CONTRADICTS", targetAnnotationId: same1 });
  await evidence({
    annotationId: citing,
    relation: "CONTRADICTS",
    targetAnnotationId: gone,
    note: "removed target",
  });
  await evidence({ annotationId: citing, relation: "CORROBORATES", targetArticleId: goneArticle.id });
  await evidence({ annotationId: citing, relation: "CORROBORATES", targetArticleId: a2! });
  await evidence({ annotationId: citing, relation: "CORROBORATES", note: "target row deleted" });
  // citations of a pending and a rejected annotation: only moderators and admins see them
  await evidence({ annotationId: citingHidden, relation: "CORROBORATES", targetAnnotationId: pending });
  await evidence({ annotationId: citingHidden, relation: "CONTRADICTS", targetAnnotationId: rejected });
  await db.review.create({
    data: { annotationId: rejected, moderatorId: moderator.id, decision: "REJECT", reason: "not a claim" },
  });
  await db.review.create({
    data: {
      annotationId: fact,
      moderatorId: moderator.id,
      decision: "RELABEL",
      fromLabel: "OPINION",
      toLabel: "FACT",
    },
  });
  await db.review.create({ data: { annotationId: fact, moderatorId: admin.id, decision: "APPROVE" } });
  await db.reply.create({ data: { annotationId: fact, authorId: moderator.id, body: "Source?" } });
  await db.reply.create({
    data: { annotationId: fact, authorId: annotator.id, body: "Airwars", editedAt: new Date() },
  });
  await db.reply.create({
    data: { annotationId: fact, authorId: annotator.id, body: "x", deletedAt: new Date() },
  });
  await db.reply.create({ data: { annotationId: same2, authorId: admin.id, body: "pending reply" } });
});

describe("batched team export", () => {
  const SIZES: (ExportBatchSizes | undefined)[] = [
    undefined,
    { articles: 1, annotations: 1 },
    { articles: 2, annotations: 3 },
    { articles: 3, annotations: 2 },
    { articles: 100, annotations: 4 },
  ];
  const QUERIES: Record<string, string>[] = [
    {},
    { label: "fact" },
    { since: "2026-01-01T00:00:00Z" },
    { status: "pending" },
  ];

  it("gives the reference export for every page size, role and filter (ndjson), schema-valid", async () => {
    let compared = 0;
    for (const user of [team.moderator, team.viewer]) {
      for (const query of QUERIES) {
        if (user === team.viewer && query.status) continue;
        const expected = await referenceExport(user, query);
        expect(expected.length).toBeGreaterThan(0);
        for (const sizes of SIZES) {
          const text = await exportText(user, { format: "ndjson", ...query }, sizes);
          const items = text
            .trimEnd()
            .split("\n")
            .map((line) => JSON.parse(line) as ArticleExport);
          expect(items, JSON.stringify({ user: user.name, query, sizes })).toEqual(expected);
          // byte for byte: the same keys in the same order, the same escapes
          expect(text).toBe(expected.map((item) => `${JSON.stringify(item)}\n`).join(""));
          for (const item of items) expect(validateArticleExport(item)).toBeNull();
          compared++;
        }
      }
    }
    expect(compared).toBe(7 * SIZES.length);
  });

  it("the data covers what batching could break: ties, relations, hidden citations, empty and deleted articles", async () => {
    const all = await referenceExport(team.moderator, {});
    // Articles 5 and 6 share a creation time: the id (PostgreSQL's uuid order = the hex string's) decides.
    const tied = articleIds.slice(5, 7).sort();
    expect(all.map((item) => item.article.id)).toEqual([...articleIds.slice(0, 5), ...tied]);
    expect(all[3]!.annotations).toEqual([]);
    expect(all[4]!.article.archived).toBe(true);
    const first = all[0]!.annotations;
    expect(first.filter((a) => a.start === first[0]!.start)).toHaveLength(3);
    const citing = all[1]!.annotations.find((a) => a.quote === "hit targets")!;
    // removed: the soft-deleted annotation, the deleted article, the target row gone (both keys null)
    expect(citing.evidence).toHaveLength(6);
    expect(citing.evidence.filter((e) => e.removed)).toHaveLength(3);
    const viewer = await referenceExport(team.viewer, {});
    expect(viewer[1]!.annotations.find((a) => a.quote === "Critics called")!.evidence).toEqual([]);
    expect(all[1]!.annotations.find((a) => a.quote === "Critics called")!.evidence).toHaveLength(2);
  });

  it("json and w3c are byte for byte the same whatever the page sizes", async () => {
    for (const format of ["json", "w3c"]) {
      const whole = await exportText(team.moderator, { format });
      expect(whole.length).toBeGreaterThan(1000);
      for (const sizes of SIZES.slice(1))
        expect(await exportText(team.moderator, { format }, sizes)).toBe(whole);
    }
    const parsed = JSON.parse(
      await exportText(team.moderator, { format: "json" }, { articles: 1, annotations: 1 }),
    );
    expect(parsed).toEqual(await referenceExport(team.moderator, {}));
  });
});

describe("queries of a team export", () => {
  let big: TestTeam;
  const ARTICLES = ARTICLE_BATCH_SIZE * 2 + 5;

  beforeAll(async () => {
    big = await createTeamWithMembers();
    for (let i = 0; i < ARTICLES; i++) {
      const article = await db.$transaction((tx) =>
        insertArticle(tx, {
          teamId: big.id,
          importedById: big.admin.id,
          title: `A${i}`,
          format: "text",
          content: TEXT,
        }),
      );
      for (const quote of ["Officials", "34,573", "airstrikes"]) {
        const start = TEXT.indexOf(quote);
        const annotation = await db.annotation.create({
          data: {
            teamId: big.id,
            articleId: article.id,
            authorId: big.annotator.id,
            label: "FACT",
            status: "APPROVED",
            anchor: { v: 1, start: "AA", end: "AA" },
            quote,
            prefix: "",
            suffix: "",
            start,
            end: start + quote.length,
          },
        });
        await db.evidence.create({
          data: {
            annotationId: annotation.id,
            relation: "CORROBORATES",
            url: "https://e.org",
            addedById: big.annotator.id,
          },
        });
        await db.review.create({
          data: { annotationId: annotation.id, moderatorId: big.moderator.id, decision: "APPROVE" },
        });
        await db.reply.create({
          data: { annotationId: annotation.id, authorId: big.moderator.id, body: "ok" },
        });
      }
    }
  });

  async function download(sizes?: ExportBatchSizes) {
    return exportTeam({
      actor: big.moderator.actor,
      teamSlug: big.slug,
      query: { format: "ndjson" },
      baseUrl: "http://localhost",
      now: NOW,
      sizes,
    });
  }

  it("one query per page of articles plus four per batch of annotations, never one per article", async () => {
    const ready = await download();
    countQueries();
    const text = await new Response(ready.body).text();
    expect(text.trimEnd().split("\n")).toHaveLength(ARTICLES);
    // 3 pages (20, 20, 5 articles) of 60 or fewer annotations: each one batch.
    const pages = Math.ceil(ARTICLES / ARTICLE_BATCH_SIZE);
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThanOrEqual(pages * (1 + 4));
    expect(queries).toBeLessThan(ARTICLES);
  });

  it("with small annotation batches, the count follows the batches (each batch: four queries)", async () => {
    const ready = await download({ articles: 100, annotations: 50 });
    countQueries();
    await new Response(ready.body).text();
    // one page of 45 articles, 135 annotations: batches of 50, 50, 35
    expect(queries).toBeLessThanOrEqual(1 + 3 * 4);
  });

  it("pulls: a client that has read two chunks has made the server read only the first page", async () => {
    const ready = await download({ articles: 5, annotations: 1000 });
    countQueries();
    const reader = ready.body instanceof ReadableStream ? ready.body.getReader() : null;
    expect(reader).not.toBeNull();
    await reader!.read();
    await reader!.read();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // the first page (1 + 4 queries); the stream may have asked for one chunk ahead, still in it
    expect(queries).toBeLessThanOrEqual(5);
    await reader!.cancel();
    const afterCancel = queries;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(queries).toBe(afterCancel);
  });
});
