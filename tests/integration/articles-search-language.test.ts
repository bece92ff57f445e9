import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "../../lib/articles/create-article.ts";
import { listArticles } from "../../lib/articles/list-articles.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";

const FRENCH =
  "Les salariés de la raffinerie ont voté la reconduction de la grève. Ils travaillaient sans contrat depuis des mois, selon les syndicats.";
const ARABIC =
  "صوت مجلس المدينة يوم الاثنين على بناء حاجز للفيضانات على طول ضفة النهر بعد عشر سنوات من التأخير والدراسات.";
const ENGLISH =
  "Coalition airstrikes continued overnight in the north of the country, officials said on Tuesday.";

let reader: UserActor;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const team = await db.team.create({ data: { slug: "world", name: "World desk" } });
  const user = await db.user.create({ data: { email: "world@example.test", name: "World" } });
  await db.membership.create({ data: { teamId: team.id, userId: user.id, role: "ANNOTATOR" } });
  reader = {
    kind: "user",
    userId: user.id,
    name: user.name,
    email: user.email,
    sessionId: "00000000-0000-0000-0000-000000000000",
  };
  const imports: [string, string, string, string | undefined][] = [
    ["french", "Grève à la raffinerie", FRENCH, undefined],
    ["arabic", "حاجز الفيضانات", ARABIC, undefined],
    ["english", "Airstrikes in the north", ENGLISH, undefined],
    // The same French text declared English: searched with English stemming.
    ["frenchAsEnglish", "Copie", FRENCH, "en"],
  ];
  for (const [key, title, content, language] of imports) {
    ids[key] = (
      await createArticle({
        actor: reader,
        teamSlug: "world",
        input: { title, format: "text", content, language },
      })
    ).id;
  }
});

async function search(q: string): Promise<string[]> {
  const result = await listArticles({ actor: reader, teamSlug: "world", query: { q } });
  return result.items.map((item) => item.id).sort();
}

describe("search in the article's language", () => {
  it("detects and stores the language and its text-search configuration", async () => {
    const rows = await db.$queryRaw<{ id: string; language: string | null; config: string }[]>`
      SELECT id, language, "searchConfig"::text AS config FROM "Article" WHERE "teamId" = (SELECT id FROM "Team" WHERE slug = 'world')`;
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(byId[ids.french!]).toMatchObject({ language: "fr", config: "french" });
    expect(byId[ids.arabic!]).toMatchObject({ language: "ar", config: "arabic" });
    expect(byId[ids.english!]).toMatchObject({ language: "en", config: "english" });
    expect(byId[ids.frenchAsEnglish!]).toMatchObject({ language: "en", config: "english" });
  });

  it("a French search finds inflected French words (French stemming), which English stemming would not", async () => {
    expect(await search("grèves")).toEqual([ids.french]);
    expect(await search("travailler")).toEqual([ids.french]);
    // Words both stemmers agree on find both copies.
    expect(await search("salariés")).toEqual([ids.french, ids.frenchAsEnglish].sort());
  });

  it("an Arabic search finds the Arabic article through Arabic stemming (prefix and plural)", async () => {
    expect(await search("الفيضانات")).toEqual([ids.arabic]);
    expect(await search("مدينة")).toEqual([ids.arabic]);
  });

  it("English articles keep English stemming, and snippets mark the matched words", async () => {
    expect(await search("airstrike")).toEqual([ids.english]);
    const result = await listArticles({ actor: reader, teamSlug: "world", query: { q: "grèves" } });
    const marked = result.items[0]?.snippet
      ?.filter((segment) => segment.match)
      .map((segment) => segment.text);
    expect(marked).toEqual(["grève"]);
  });
});
