// readAnnotationRows (one SQL query) must give exactly what Prisma's ANNOTATION_INCLUDE gives:
// author, live evidence by relation, citations from live annotations of live articles only, the
// latest review with its moderator. The annotation list is read with it.
import { beforeAll, describe, expect, it } from "vitest";
import { ANNOTATION_INCLUDE, toAnnotationJson } from "../../lib/annotations/annotation-json.ts";
import { listAnnotations } from "../../lib/annotations/list-annotations.ts";
import { loadAnnotationState } from "../../lib/annotations/live-state.ts";
import { readAnnotationRows } from "../../lib/annotations/read-annotation-rows.ts";
import { db } from "../../lib/db.ts";
import { Prisma } from "../../lib/generated/prisma/client.ts";
import type { Label } from "../../lib/generated/prisma/enums.ts";
import {
  createTeamWithMembers,
  insertAnnotationRow,
  insertTextArticle,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

const text = "The coalition conducted 34,573 airstrikes. A corrupt government must go! Support them now.";
let team: TestTeam;
let articleId: string;
let deletedArticleId: string;
const ids: Record<string, string> = {};

async function tag(author: TestUser, label: Label, quote: string, article = articleId, extra = {}) {
  return insertAnnotationRow({
    teamId: team.id,
    articleId: article,
    authorId: author.id,
    label,
    text,
    quote,
    extra,
  });
}

async function newArticle(title: string): Promise<string> {
  return (await insertTextArticle({ teamId: team.id, importedById: team.admin.id, title, content: text })).id;
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  articleId = await newArticle("Main");
  deletedArticleId = await newArticle("Deleted later");
  ids.plain = await tag(team.annotator, "FACT", "34,573 airstrikes");
  ids.rich = await tag(team.annotator, "OPINION", "A corrupt government", articleId, {
    note: "loaded words",
  });
  ids.orphan = await tag(team.moderator, "ADVOCACY", "Support them now.", articleId, { orphaned: true });
  ids.gone = await tag(team.annotator, "FACT", "The coalition", articleId, { deletedAt: new Date() });
  const citing = await tag(team.moderator, "FACT", "must go!");
  const citingDeleted = await tag(team.moderator, "FACT", "conducted", articleId, { deletedAt: new Date() });
  const citingInDeletedArticle = await tag(team.moderator, "FACT", "coalition", deletedArticleId);
  await db.article.update({ where: { id: deletedArticleId }, data: { deletedAt: new Date() } });
  const evidence = (annotationId: string, relation: "CORROBORATES" | "CONTRADICTS", extra = {}) =>
    db.evidence.create({
      data: { annotationId, relation, url: "https://example.org", addedById: team.annotator.id, ...extra },
    });
  await evidence(ids.rich, "CORROBORATES");
  await evidence(ids.rich, "CORROBORATES");
  await evidence(ids.rich, "CONTRADICTS");
  await evidence(ids.rich, "CONTRADICTS", { deletedAt: new Date() });
  await evidence(citing, "CORROBORATES", { targetAnnotationId: ids.rich, url: null });
  await evidence(citing, "CONTRADICTS", { targetAnnotationId: ids.rich, url: null, deletedAt: new Date() });
  await evidence(citingDeleted, "CORROBORATES", { targetAnnotationId: ids.rich, url: null });
  await evidence(citingInDeletedArticle, "CORROBORATES", { targetAnnotationId: ids.plain, url: null });
  const at = Date.now() - 60_000;
  await db.review.create({
    data: {
      annotationId: ids.rich,
      moderatorId: team.admin.id,
      decision: "APPROVE",
      createdAt: new Date(at),
    },
  });
  await db.review.create({
    data: {
      annotationId: ids.rich,
      moderatorId: team.moderator.id,
      decision: "RELABEL",
      fromLabel: "FACT",
      toLabel: "OPINION",
      reason: "it is a judgement",
      createdAt: new Date(at + 1000),
    },
  });
});

describe("readAnnotationRows", () => {
  it("returns what Prisma's ANNOTATION_INCLUDE returns, in one query", async () => {
    const viaPrisma = (
      await db.annotation.findMany({
        where: { articleId, deletedAt: null },
        include: ANNOTATION_INCLUDE,
        orderBy: [{ orphaned: "asc" }, { start: "asc" }, { end: "desc" }, { createdAt: "asc" }],
      })
    ).map(toAnnotationJson);
    const viaSql = (
      await readAnnotationRows(
        Prisma.sql`a."articleId" = ${articleId}::uuid AND a."deletedAt" IS NULL`,
        Prisma.sql`a.orphaned ASC, a.start ASC, a."end" DESC, a."createdAt" ASC`,
      )
    ).map(toAnnotationJson);
    expect(viaSql).toEqual(viaPrisma);
    expect(viaSql.map((row) => row.id)).not.toContain(ids.gone);
    const rich = viaSql.find((row) => row.id === ids.rich)!;
    expect(rich).toMatchObject({
      note: "loaded words",
      evidence: { corroborates: 2, contradicts: 1 },
      citedBy: 1,
      review: {
        decision: "relabel",
        reason: "it is a judgement",
        fromLabel: "fact",
        toLabel: "opinion",
        moderator: { id: team.moderator.id, name: team.moderator.name },
      },
    });
    const plain = viaSql.find((row) => row.id === ids.plain)!;
    expect(plain).toMatchObject({ citedBy: 0, review: null, evidence: { corroborates: 0, contradicts: 0 } });
    expect(viaSql.at(-1)!.id).toBe(ids.orphan);
  });

  it("builds the live annotation state from the same rows: the record, in document order", async () => {
    const viaPrisma = (
      await db.annotation.findMany({
        where: { articleId, deletedAt: null },
        include: ANNOTATION_INCLUDE,
        orderBy: [{ start: "asc" }, { createdAt: "asc" }],
      })
    ).map(toAnnotationJson);
    const state = await loadAnnotationState(articleId);
    expect(state).toEqual(viaPrisma);
    expect(state.map((row) => row.id)).not.toContain(ids.gone);
    expect(state.find((row) => row.id === ids.rich)).toMatchObject({
      citedBy: 1,
      review: { decision: "relabel" },
    });
  });

  it("lists an article's annotations with the filters applied in SQL", async () => {
    const all = await listAnnotations({ actor: team.viewer.actor, articleId });
    expect(all).toHaveLength(4);
    const opinions = await listAnnotations({
      actor: team.viewer.actor,
      articleId,
      query: { label: "opinion" },
    });
    expect(opinions.map((row) => row.id)).toEqual([ids.rich]);
    const byModerator = await listAnnotations({
      actor: team.viewer.actor,
      articleId,
      query: { author: team.moderator.id, orphaned: "false" },
    });
    expect(byModerator.map((row) => row.quote)).toEqual(["must go!"]);
    const pendingOrphans = await listAnnotations({
      actor: team.viewer.actor,
      articleId,
      query: { status: "pending", orphaned: "true" },
    });
    expect(pendingOrphans.map((row) => row.id)).toEqual([ids.orphan]);
    await expect(
      listAnnotations({ actor: team.viewer.actor, articleId, query: { label: "rumour" } }),
    ).rejects.toThrow();
  });
});
