// Relevance search ranks only the newest N matches (lib/articles/list-articles.ts,
// RELEVANCE_CANDIDATES): a query matching most of a large archive stays cheap. A small N here.
import { beforeAll, describe, expect, it } from "vitest";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { listArticles, RELEVANCE_CANDIDATES } from "../../lib/articles/list-articles.ts";
import { db } from "../../lib/db.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";

let team: TestTeam;
const ids: Record<string, string> = {};

beforeAll(async () => {
  team = await createTeamWithMembers();
  const hour = 3_600_000;
  // The oldest is the best match (query words in its title); the newer ones mention them once.
  for (const [key, title, content, age] of [
    ["best", "Ceasefire negotiations resume", "Ceasefire negotiations resumed; ceasefire talks.", 4],
    ["older", "Harbour news", "The ceasefire negotiations stalled at the harbour.", 3],
    ["newer", "Market report", "Prices rose. Ceasefire negotiations were mentioned once.", 2],
    ["newest", "Weather", "Rain again. Ceasefire negotiations went on despite rain.", 1],
    ["unrelated", "Zoo", "Visitors returned to the zoo.", 0],
  ] as const) {
    const article = await db.$transaction((tx) =>
      insertArticle(tx, { teamId: team.id, importedById: team.admin.id, title, format: "text", content }),
    );
    await db.article.update({
      where: { id: article.id },
      data: { createdAt: new Date(Date.now() - age * hour) },
    });
    ids[key] = article.id;
  }
});

describe("relevance search over a bounded candidate set", () => {
  it("ranks every match when there are fewer than the bound", async () => {
    expect(RELEVANCE_CANDIDATES).toBeGreaterThanOrEqual(100);
    const list = await listArticles({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      query: { q: "ceasefire negotiations" },
    });
    expect(list.items.map((item) => item.id)).toHaveLength(4);
    expect(list.items[0]!.id).toBe(ids.best);
    expect(list.items[0]!.snippet?.some((segment) => segment.match)).toBe(true);
  });

  it("ranks only the newest matches when more match than the bound, and pages within them", async () => {
    const first = await listArticles({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      query: { q: "ceasefire negotiations", limit: 2 },
      relevanceCandidates: 3,
    });
    const second = await listArticles({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      query: { q: "ceasefire negotiations", limit: 2, cursor: first.nextCursor! },
      relevanceCandidates: 3,
    });
    const seen = [...first.items, ...second.items].map((item) => item.id);
    expect(seen.sort()).toEqual([ids.older, ids.newer, ids.newest].sort());
    expect(second.nextCursor).toBeNull();
    // The oldest match is still found by date order.
    const byDate = await listArticles({
      actor: team.viewer.actor,
      teamSlug: team.slug,
      query: { q: "ceasefire negotiations", sort: "oldest", limit: 1 },
      relevanceCandidates: 3,
    });
    expect(byDate.items.map((item) => item.id)).toEqual([ids.best]);
  });
});
