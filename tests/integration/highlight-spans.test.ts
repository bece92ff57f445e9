// The highlights the server paints into the article page before the live document arrives
// (lib/annotations/list-highlight-spans.ts): only live, anchored annotations whose stored place
// holds their quote in the snapshot being rendered, in document order, at most
// SERVER_PAINTED_HIGHLIGHTS, and never another team's.
import { beforeAll, describe, expect, it } from "vitest";
import { listHighlightSpans, SERVER_PAINTED_HIGHLIGHTS } from "../../lib/annotations/list-highlight-spans.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { createTeamWithMembers, insertQuotedAnnotation, type TestTeam } from "../support/factories.ts";

const text = "The coalition conducted 34,573 airstrikes. A corrupt government must go! Support them now.";
let team: TestTeam;
let other: TestTeam;
let articleId: string;
const ids: Record<string, string> = {};

async function newArticle(content: string): Promise<string> {
  const article = await db.$transaction((tx) =>
    insertArticle(tx, {
      teamId: team.id,
      importedById: team.admin.id,
      title: "Spans",
      format: "text",
      content,
    }),
  );
  return article.id;
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  articleId = await newArticle(text);
  const tag = async (label: "FACT" | "OPINION" | "ADVOCACY", quote: string) =>
    (
      await insertQuotedAnnotation({
        teamId: team.id,
        articleId,
        authorId: team.annotator.id,
        label,
        text,
        quote,
      })
    ).id;
  ids.inner = await tag("OPINION", "corrupt government");
  ids.outer = await tag("FACT", "A corrupt government must go!");
  ids.first = await tag("FACT", "34,573 airstrikes");
  ids.orphan = await tag("ADVOCACY", "Support them now.");
  ids.deleted = await tag("FACT", "The coalition");
  ids.moved = await tag("ADVOCACY", "conducted");
  await db.annotation.update({ where: { id: ids.orphan }, data: { orphaned: true } });
  await db.annotation.update({ where: { id: ids.deleted }, data: { deletedAt: new Date() } });
  // Made on newer live text than the stored snapshot: its place does not hold its quote here.
  await db.annotation.update({ where: { id: ids.moved }, data: { start: 5, end: 14 } });
});

describe("listHighlightSpans", () => {
  it("gives the live, anchored highlights in document order, an enclosing one first", async () => {
    const spans = await listHighlightSpans({ actor: team.viewer.actor, articleId, text });
    expect(spans.map((span) => span.id)).toEqual([ids.first, ids.outer, ids.inner]);
    expect(spans[1]).toEqual({
      id: ids.outer,
      label: "fact",
      start: text.indexOf("A corrupt"),
      end: text.indexOf("A corrupt") + "A corrupt government must go!".length,
    });
  });

  it("leaves out a highlight whose quote is not at its place in the rendered text", async () => {
    const older = text.replace("34,573", "34,000");
    const spans = await listHighlightSpans({ actor: team.viewer.actor, articleId, text: older });
    expect(spans.map((span) => span.id)).toEqual([ids.outer, ids.inner]);
  });

  it("stops at SERVER_PAINTED_HIGHLIGHTS, the first in document order", async () => {
    const words = Array.from({ length: SERVER_PAINTED_HIGHLIGHTS + 10 }, (_, i) => `word${i}`);
    const long = words.join(" ");
    const id = await newArticle(long);
    await db.annotation.createMany({
      data: words.map((word) => {
        const start = long.indexOf(`${word} `) >= 0 ? long.indexOf(`${word} `) : long.lastIndexOf(word);
        return {
          teamId: team.id,
          articleId: id,
          authorId: team.annotator.id,
          label: "FACT" as const,
          anchor: {},
          quote: word,
          prefix: "",
          suffix: "",
          start,
          end: start + word.length,
        };
      }),
    });
    const spans = await listHighlightSpans({ actor: team.annotator.actor, articleId: id, text: long });
    expect(spans).toHaveLength(SERVER_PAINTED_HIGHLIGHTS);
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(
      long.indexOf(`word${SERVER_PAINTED_HIGHLIGHTS - 1} `) + `word${SERVER_PAINTED_HIGHLIGHTS - 1}`.length,
    );
  });

  it("refuses another team's member (not found), painting nothing of the article", async () => {
    await expect(listHighlightSpans({ actor: other.admin.actor, articleId, text })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
