import { beforeAll, describe, expect, it } from "vitest";
import { setArticleArchived } from "../../lib/articles/archive-article.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { deleteArticle } from "../../lib/articles/delete-article.ts";
import { getArticle } from "../../lib/articles/get-article.ts";
import { listArticles } from "../../lib/articles/list-articles.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { createMemberActor } from "../support/factories.ts";

let admin: UserActor;
let moderator: UserActor;
let annotator: UserActor;
let viewer: UserActor;
let outsider: UserActor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const team = await db.team.create({ data: { slug: "desk", name: "Desk" } });
  const other = await db.team.create({ data: { slug: "other", name: "Other" } });
  admin = await createMemberActor(team.id, "ADMIN");
  moderator = await createMemberActor(team.id, "MODERATOR");
  annotator = await createMemberActor(team.id, "ANNOTATOR");
  viewer = await createMemberActor(team.id, "VIEWER");
  outsider = await createMemberActor(other.id, "ADMIN");
  for (const [key, actor, title, content] of [
    ["budget", annotator, "Budget vote delayed", "The council delayed the budget vote again."],
    ["airstrikes", admin, "Airstrikes in the north", "Coalition airstrikes continued overnight."],
    ["zoo", annotator, "A zoo reopens", "Visitors returned to the zoo on Sunday."],
  ] as const) {
    ids[key] = (
      await createArticle({ actor, teamSlug: "desk", input: { title, format: "text", content } })
    ).id;
  }
});

describe("listing: filters and sort", () => {
  it("sorts newest first by default, and by title or oldest on request", async () => {
    const newest = await listArticles({ actor: viewer, teamSlug: "desk", query: {} });
    expect(newest.items.map((a) => a.title)).toEqual([
      "A zoo reopens",
      "Airstrikes in the north",
      "Budget vote delayed",
    ]);
    const oldest = await listArticles({ actor: viewer, teamSlug: "desk", query: { sort: "oldest" } });
    expect(oldest.items.map((a) => a.title)).toEqual([
      "Budget vote delayed",
      "Airstrikes in the north",
      "A zoo reopens",
    ]);
    const byTitle = await listArticles({
      actor: viewer,
      teamSlug: "desk",
      query: { sort: "title", limit: 2 },
    });
    expect(byTitle.items.map((a) => a.title)).toEqual(["A zoo reopens", "Airstrikes in the north"]);
    const rest = await listArticles({
      actor: viewer,
      teamSlug: "desk",
      query: { sort: "title", cursor: byTitle.nextCursor! },
    });
    expect(rest.items.map((a) => a.title)).toEqual(["Budget vote delayed"]);
  });

  it("filters by importer and import date", async () => {
    const byAdmin = await listArticles({
      actor: viewer,
      teamSlug: "desk",
      query: { importedBy: admin.userId },
    });
    expect(byAdmin.items.map((a) => a.id)).toEqual([ids.airstrikes]);
    const future = await listArticles({ actor: viewer, teamSlug: "desk", query: { from: "2999-01-01" } });
    expect(future.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = await listArticles({ actor: viewer, teamSlug: "desk", query: { to: today } });
    expect(upToToday.items).toHaveLength(3);
  });

  it("refuses nonsense filters with a clear message", async () => {
    await expect(
      listArticles({ actor: viewer, teamSlug: "desk", query: { sort: "relevance" } }),
    ).rejects.toThrow(/relevance needs/);
    await expect(
      listArticles({ actor: viewer, teamSlug: "desk", query: { importedBy: "me" } }),
    ).rejects.toThrow();
    await expect(
      listArticles({ actor: viewer, teamSlug: "desk", query: { from: "last week" } }),
    ).rejects.toThrow();
  });
});

describe("archiving and deleting", () => {
  it("lets only admins archive; archived articles leave the default list but stay readable", async () => {
    for (const actor of [moderator, annotator, viewer]) {
      await expect(setArticleArchived({ actor, articleId: ids.zoo!, archived: true })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    await expect(
      setArticleArchived({ actor: outsider, articleId: ids.zoo!, archived: true }),
    ).rejects.toMatchObject({ code: "not_found" });
    const archived = await setArticleArchived({ actor: admin, articleId: ids.zoo!, archived: true });
    expect(archived.archivedAt).not.toBeNull();
    const list = await listArticles({ actor: viewer, teamSlug: "desk", query: {} });
    expect(list.items.map((a) => a.id)).not.toContain(ids.zoo);
    const only = await listArticles({ actor: viewer, teamSlug: "desk", query: { archived: "only" } });
    expect(only.items.map((a) => a.id)).toEqual([ids.zoo]);
    expect((await getArticle({ actor: viewer, articleId: ids.zoo! })).text).toContain("zoo");
    await setArticleArchived({ actor: admin, articleId: ids.zoo!, archived: false });
    const events = await db.auditEvent.findMany({ where: { entityId: ids.zoo }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["article.create", "article.archive", "article.unarchive"]);
  });

  it("lets only admins delete; a deleted article is gone from reads, lists and search", async () => {
    await expect(deleteArticle({ actor: moderator, articleId: ids.budget! })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(deleteArticle({ actor: outsider, articleId: ids.budget! })).rejects.toMatchObject({
      code: "not_found",
    });
    await deleteArticle({ actor: admin, articleId: ids.budget! });
    await expect(getArticle({ actor: admin, articleId: ids.budget! })).rejects.toMatchObject({
      code: "not_found",
    });
    const search = await listArticles({ actor: admin, teamSlug: "desk", query: { q: "budget" } });
    expect(search.items).toEqual([]);
    const events = await db.auditEvent.findMany({
      where: { entityId: ids.budget, action: "article.delete" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(admin.userId);
  });
});

describe("importing HTML through the use case", () => {
  it("stores sanitised HTML and its plain text", async () => {
    const created = await createArticle({
      actor: annotator,
      teamSlug: "desk",
      input: {
        title: "HTML",
        format: "html",
        content:
          "<h2>Sub</h2><p onclick='x()'>Body <a href='javascript:alert(1)'>link</a></p><script>bad()</script>",
      },
    });
    const row = await db.article.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.text).toBe("Sub\n\nBody link");
    expect(JSON.stringify(row.contentJson)).not.toMatch(/javascript|onclick|script/);
  });
});
