// Issue 21 item 11: the article list's per-article counts (passages tagged, pending review, in
// disagreement, the review queue's definition) and the importer filter's choices; every member
// reads them, another team gets 404 and counts nothing of this team.
import { beforeAll, describe, expect, it } from "vitest";
import { countArticleAnnotations } from "../../lib/articles/count-article-annotations.ts";
import { listArticleImporters } from "../../lib/articles/list-article-importers.ts";
import { db } from "../../lib/db.ts";
import type { Label } from "../../lib/generated/prisma/enums.ts";
import { DEMO_TEXT as body } from "../support/demo-text.ts";
import {
  createTeamWithMembers,
  insertQuotedAnnotation,
  insertTextArticle,
  type TestTeam,
} from "../support/factories.ts";

let team: TestTeam;
let other: TestTeam;
let tagged: string;
let untouched: string;
let deletedArticle: string;

async function article(importedById: string, title: string, teamId = team.id) {
  return (await insertTextArticle({ teamId, importedById, title })).id;
}

async function tag(articleId: string, authorId: string, label: Label, quote: string) {
  return insertQuotedAnnotation({ teamId: team.id, articleId, authorId, label, text: body, quote });
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
  other = await createTeamWithMembers();
  tagged = await article(team.annotator.id, "Tagged");
  untouched = await article(team.admin.id, "Untouched");
  deletedArticle = await article(team.moderator.id, "Deleted");
  await db.article.update({ where: { id: deletedArticle }, data: { deletedAt: new Date() } });
  const second = team.members[4]!;
  // Two annotators disagree on one passage; a third tag is approved; a fourth is deleted.
  await tag(tagged, team.annotator.id, "FACT", "34,573 airstrikes");
  await tag(tagged, second.id, "OPINION", "34,573 airstrikes in both Iraq");
  const approved = await tag(tagged, team.annotator.id, "OPINION", "a corrupt government");
  await db.annotation.update({ where: { id: approved.id }, data: { status: "APPROVED" } });
  const gone = await tag(tagged, team.annotator.id, "FACT", "at least 1,335 civilians");
  await db.annotation.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
  // A rejected tag overlapping with another label is counted as tagged, not as a disagreement.
  const rejected = await tag(tagged, second.id, "ADVOCACY", "a corrupt");
  await db.annotation.update({ where: { id: rejected.id }, data: { status: "REJECTED" } });
});

describe("countArticleAnnotations", () => {
  it("counts live tags, pending ones and those in disagreement, per article", async () => {
    const counts = await countArticleAnnotations({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      articleIds: [tagged, untouched],
    });
    expect(counts.get(tagged)).toEqual({ tagged: 4, pending: 2, inDisagreement: 2 });
    expect(counts.get(untouched)).toEqual({ tagged: 0, pending: 0, inDisagreement: 0 });
  });

  it("counts nothing of another team's articles, and refuses another team's members (404)", async () => {
    const mine = await countArticleAnnotations({
      actor: other.admin.actor,
      teamSlug: other.slug,
      articleIds: [tagged],
    });
    expect(mine.get(tagged)).toEqual({ tagged: 0, pending: 0, inDisagreement: 0 });
    await expect(
      countArticleAnnotations({ actor: other.admin.actor, teamSlug: team.slug, articleIds: [tagged] }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("asks nothing for an empty page", async () => {
    const counts = await countArticleAnnotations({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      articleIds: [],
    });
    expect(counts.size).toBe(0);
  });
});

describe("listArticleImporters", () => {
  it("lists who imported the team's live articles, by name, for every member; 404 for another team", async () => {
    const importers = await listArticleImporters({ actor: team.viewer.actor, teamSlug: team.slug });
    expect(importers.map((person) => person.id).sort()).toEqual([team.annotator.id, team.admin.id].sort());
    expect(importers.find((person) => person.id === team.admin.id)?.name).toBe(team.admin.name);
    // The moderator imported only the deleted article; another team's articles do not count.
    await article(other.admin.id, "Elsewhere", other.id);
    expect((await listArticleImporters({ actor: team.admin.actor, teamSlug: team.slug })).length).toBe(2);
    await expect(
      listArticleImporters({ actor: other.admin.actor, teamSlug: team.slug }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
