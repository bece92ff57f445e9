import { beforeAll, describe, expect, it } from "vitest";
import { GET as articleAgreementRoute } from "../../app/api/v1/articles/[id]/agreement/route.ts";
import { GET as teamAgreementRoute } from "../../app/api/v1/teams/[team]/agreement/route.ts";
import { db } from "../../lib/db.ts";
import type { Label } from "../../lib/generated/prisma/enums.ts";
import { callJson, sessionCookie } from "../support/api.ts";
import {
  createApiToken,
  createTeamWithMembers,
  insertTextArticle,
  type TestTeam,
} from "../support/factories.ts";

const text = "The coalition conducted 34,573 airstrikes. A corrupt government must go! Support them.";
let team: TestTeam;
let other: TestTeam;
let articleId: string;

async function tag(authorId: string, label: Label, quote: string, extra: { status?: "REJECTED" } = {}) {
  const start = text.indexOf(quote);
  return db.annotation.create({
    data: {
      teamId: team.id,
      articleId,
      authorId,
      label,
      anchor: {},
      quote,
      prefix: "",
      suffix: "",
      start,
      end: start + quote.length,
      ...extra,
    },
  });
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
  other = await createTeamWithMembers();
  const article = await insertTextArticle({
    teamId: team.id,
    importedById: team.admin.id,
    title: "A",
    content: text,
  });
  articleId = article.id;
  expect(article.text).toBe(text);
  const [ann, bob] = [team.annotator, team.members[4]!];
  // Unit 1: both say fact. Unit 2: fact vs opinion (a disagreement). Unit 3: only one annotator.
  await tag(ann.id, "FACT", "34,573 airstrikes");
  await tag(bob.id, "FACT", "conducted 34,573 airstrikes");
  await tag(ann.id, "OPINION", "A corrupt government");
  await tag(bob.id, "FACT", "corrupt government must go");
  await tag(ann.id, "ADVOCACY", "Support them.", { status: "REJECTED" });
});

describe("GET agreement figures", () => {
  it("computes the article's alpha over overlapping spans, counts and composition", async () => {
    const { status, body } = await callJson(
      articleAgreementRoute,
      `/api/v1/articles/${articleId}/agreement`,
      {
        auth: { cookie: await sessionCookie(team.viewer) },
        params: { id: articleId },
      },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ units: 3, pairable: 2, disagreements: 1 });
    // Units {fact, fact} and {opinion, fact}: o(fact,fact)=2, o(fact,op)=o(op,fact)=1; n=4,
    // n_fact=3, n_opinion=1: alpha = 1 - 3 * 2 / (2 * 3 * 1) = 0.
    expect(body.alpha).toBeCloseTo(0, 12);
    expect(body.counts).toEqual({
      byLabel: { fact: 3, opinion: 1, advocacy: 1 },
      byStatus: { pending: 4, approved: 0, rejected: 1 },
    });
    const factChars = "conducted 34,573 airstrikes".length + "corrupt government must go".length;
    expect(body.characters).toMatchObject({ length: text.length, fact: factChars, advocacy: 0 });
    expect(body.composition.fact).toBeCloseTo(factChars / text.length, 12);
    expect(body.composition.advocacy).toBe(0); // the advocacy tag was rejected
  });

  it("pools the team's articles and answers 404 to other teams and tokens of other teams", async () => {
    const { status, body } = await callJson(teamAgreementRoute, `/api/v1/teams/${team.slug}/agreement`, {
      auth: { cookie: await sessionCookie(team.annotator) },
      params: { team: team.slug },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ units: 3, pairable: 2 });
    const outsider = await callJson(articleAgreementRoute, `/api/v1/articles/${articleId}/agreement`, {
      auth: { cookie: await sessionCookie(other.admin) },
      params: { id: articleId },
    });
    expect(outsider.status).toBe(404);
    const foreignToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["READ"],
    });
    const byToken = await callJson(teamAgreementRoute, `/api/v1/teams/${team.slug}/agreement`, {
      auth: { bearer: foreignToken.secret },
      params: { team: team.slug },
    });
    expect(byToken.status).toBe(404);
  });
});
