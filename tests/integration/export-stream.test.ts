import { beforeAll, describe, expect, it } from "vitest";
import { GET as teamExportRoute } from "../../app/api/v1/teams/[team]/export/route.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { validateArticleExport } from "../../lib/export/export-schema.ts";
import { ARTICLE_BATCH_SIZE } from "../../lib/export/export-team.ts";
import type { ArticleExport } from "../../lib/export/export-types.ts";
import { ANNOTATION_BATCH_SIZE } from "../../lib/export/load-article-export.ts";
import { callRoute, type RouteHandler } from "../support/api.ts";
import { createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";

// More articles than one article batch and, in one article, more annotations than one
// annotation batch: the export must page through both and still deliver everything, in order.
// The stream sends one chunk per part: a whole article, or a run of one article's annotations
// when they span batches (the first article here comes in two).
const ARTICLES = ARTICLE_BATCH_SIZE * 2 + 5;
const MANY = ANNOTATION_BATCH_SIZE + 7;

let team: TestTeam;

beforeAll(async () => {
  team = await createTeamWithMembers();
  const words = Array.from({ length: MANY }, (_, i) => `w${i}😀`).join(" ");
  await db.$transaction(async (tx) => {
    for (let i = 0; i < ARTICLES; i++) {
      const article = await insertArticle(tx, {
        teamId: team.id,
        importedById: team.admin.id,
        title: `Article ${i}`,
        format: "text",
        content: i === 0 ? words : `Body ${i} with a claim.`,
      });
      const spans =
        i === 0
          ? Array.from({ length: MANY }, (_, k) => {
              const start = article.text.indexOf(`w${k}😀`);
              return { start, end: start + `w${k}`.length };
            })
          : [{ start: 0, end: 4 }];
      await tx.annotation.createMany({
        data: spans.map(({ start, end }) => ({
          teamId: team.id,
          articleId: article.id,
          authorId: team.annotator.id,
          label: "FACT" as const,
          status: "APPROVED" as const,
          anchor: { v: 1, start: "x", end: "y" },
          quote: article.text.slice(start, end),
          prefix: article.text.slice(Math.max(0, start - 32), start),
          suffix: article.text.slice(end, end + 32),
          start,
          end,
        })),
      });
    }
  });
});

describe("team export streaming", () => {
  it("streams one chunk per article part through several batches; ndjson lines validate", async () => {
    const token = await createApiToken({ teamId: team.id, createdById: team.viewer.id, scopes: ["EXPORT"] });
    const response = await callRoute(
      teamExportRoute as RouteHandler,
      `/api/v1/teams/${team.slug}/export?format=ndjson`,
      {
        auth: { bearer: token.secret },
        params: { team: team.slug },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-export-articles")).toBe(String(ARTICLES));
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBe(ARTICLES + 1);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(ARTICLES);
    const items = lines.map((line) => JSON.parse(line) as ArticleExport);
    for (const item of items) expect(validateArticleExport(item)).toBeNull();
    expect(items.map((item) => item.article.title)).toEqual(
      Array.from({ length: ARTICLES }, (_, i) => `Article ${i}`),
    );
    const first = items[0]!;
    expect(first.annotations).toHaveLength(MANY);
    expect(new Set(first.annotations.map((a) => a.id)).size).toBe(MANY);
    for (const a of first.annotations) expect(first.article.text.slice(a.start, a.end)).toBe(a.quote);
  });

  it("stops reading when the client cancels", async () => {
    const response = await callRoute(
      teamExportRoute as RouteHandler,
      `/api/v1/teams/${team.slug}/export?format=json`,
      {
        auth: {
          bearer: (await createApiToken({ teamId: team.id, createdById: team.admin.id, scopes: ["EXPORT"] }))
            .secret,
        },
        params: { team: team.slug },
      },
    );
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("[");
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});
