// Relevance search ranks only the newest N matches (lib/articles/list-articles.ts,
// RELEVANCE_CANDIDATES): a query matching most of a large archive stays cheap. A small N here.
import { beforeAll, describe, expect, it } from "vitest";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { listArticles, RELEVANCE_CANDIDATES } from "../../lib/articles/list-articles.ts";
import { db } from "../../lib/db.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";

let team: TestTeam;
const ids: Record<string, string> = {};
const hour = 3_600_000;

async function insertAged(team: TestTeam, title: string, content: string, hours: number): Promise<string> {
  const article = await db.$transaction((tx) =>
    insertArticle(tx, { teamId: team.id, importedById: team.admin.id, title, format: "text", content }),
  );
  await db.article.update({
    where: { id: article.id },
    data: { createdAt: new Date(Date.now() - hours * hour) },
  });
  return article.id;
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  // The oldest is the best match (query words in its title); the newer ones mention them once.
  for (const [key, title, content, age] of [
    ["best", "Ceasefire negotiations resume", "Ceasefire negotiations resumed; ceasefire talks.", 4],
    ["older", "Harbour news", "The ceasefire negotiations stalled at the harbour.", 3],
    ["newer", "Market report", "Prices rose. Ceasefire negotiations were mentioned once.", 2],
    ["newest", "Weather", "Rain again. Ceasefire negotiations went on despite rain.", 1],
    ["unrelated", "Zoo", "Visitors returned to the zoo.", 0],
  ] as const) {
    ids[key] = await insertAged(team, title, content, age);
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

describe("the newest matches, looked for among the newest articles first", () => {
  // 20 articles an hour apart; the harbour is mentioned in those 0, 1, 12, 15 and 19 hours old.
  // The matches are looked for among the newest 4 × N articles, then in larger windows, then all.
  let windowTeam: TestTeam;
  const byAge = new Map<number, string>();
  beforeAll(async () => {
    windowTeam = await createTeamWithMembers();
    for (let age = 0; age < 20; age++) {
      const harbour = [0, 1, 12, 15, 19].includes(age);
      const content = harbour ? `Boats left the harbour, ${age} hours ago.` : `Quiet day number ${age}.`;
      byAge.set(age, await insertAged(windowTeam, `Report ${age}`, content, age));
    }
  });
  const ranked = async (candidates: number) =>
    (
      await listArticles({
        actor: windowTeam.viewer.actor,
        teamSlug: windowTeam.slug,
        query: { q: "harbour", limit: 10 },
        relevanceCandidates: candidates,
      })
    ).items
      .map((item) => item.id)
      .sort();
  const ofAges = (...ages: number[]) => ages.map((age) => byAge.get(age)!).sort();

  it("stops at the first window when it holds enough matches", async () => {
    expect(await ranked(2)).toEqual(ofAges(0, 1)); // window: the newest 8
    expect(await ranked(4)).toEqual(ofAges(0, 1, 12, 15)); // window: the newest 16, its oldest included
  });

  it("looks further when the window holds too few, and ranks every match when all fit", async () => {
    expect(await ranked(3)).toEqual(ofAges(0, 1, 12)); // the newest 12 hold two: then all articles
    expect(await ranked(5)).toEqual(ofAges(0, 1, 12, 15, 19));
    expect(await ranked(100)).toEqual(ofAges(0, 1, 12, 15, 19));
  });
});
