// The blind-round visibility rule (lib/rounds/annotation-visibility.ts) has three spellings: a
// SQL condition, a Prisma `where` and an in-memory predicate (the live documents). This checks
// that all three, and the across-teams variant, pick the same annotations for every viewer.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import type { Prisma } from "../../lib/generated/prisma/client.ts";
import {
  type AnnotationViewer,
  FULL_VIEWER,
  isAnnotationVisible,
  type OpenRoundState,
  TEAM_VIEWER,
  visibleAnnotationForMemberWhere,
  visibleAnnotationSql,
  visibleAnnotationWhere,
} from "../../lib/rounds/annotation-visibility.ts";
import { createTextArticle } from "../support/collab-fixtures.ts";
import { createTeamWithMembers, type TestTeam, type TestUser } from "../support/factories.ts";

const TEXT = "One two three four five six seven eight nine ten.";

let team: TestTeam;
let a: TestUser;
let b: TestUser;
let c: TestUser;
let openArticle: string;
let revealedArticle: string;
let quietArticle: string;
const openRounds = new Map<string, OpenRoundState>();
let annotations: { id: string; articleId: string; authorId: string; roundId: string | null }[] = [];

async function insert(articleId: string, author: TestUser, roundId: string | null, start: number) {
  const row = await db.annotation.create({
    data: {
      teamId: team.id,
      articleId,
      authorId: author.id,
      label: "FACT",
      anchor: {},
      quote: TEXT.slice(start, start + 3),
      prefix: "",
      suffix: "",
      start,
      end: start + 3,
      roundId,
    },
  });
  annotations.push({ id: row.id, articleId, authorId: author.id, roundId });
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR", "ANNOTATOR"] });
  [a, b, c] = [team.annotator, team.members[4]!, team.members[5]!];
  openArticle = await createTextArticle(team.id, team.admin.id, TEXT);
  revealedArticle = await createTextArticle(team.id, team.admin.id, TEXT);
  quietArticle = await createTextArticle(team.id, team.admin.id, TEXT);
  const open = await db.round.create({
    data: {
      teamId: team.id,
      articleId: openArticle,
      createdById: team.moderator.id,
      assignments: { create: [{ annotatorId: a.id }, { annotatorId: b.id }] },
    },
  });
  openRounds.set(openArticle, { id: open.id, annotatorIds: [a.id, b.id] });
  const revealed = await db.round.create({
    data: {
      teamId: team.id,
      articleId: revealedArticle,
      createdById: team.moderator.id,
      status: "REVEALED",
      revealedAt: new Date(),
      assignments: { create: [{ annotatorId: a.id }, { annotatorId: c.id }] },
    },
  });
  annotations = [];
  await insert(openArticle, a, open.id, 0);
  await insert(openArticle, b, open.id, 4);
  await insert(openArticle, a, null, 8);
  await insert(openArticle, c, null, 14);
  await insert(openArticle, team.moderator, null, 19);
  await insert(revealedArticle, a, revealed.id, 0);
  await insert(revealedArticle, c, revealed.id, 4);
  await insert(revealedArticle, b, null, 8);
  await insert(quietArticle, b, null, 0);
  await insert(quietArticle, c, null, 4);
});

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

async function bySql(viewer: AnnotationViewer): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id::text AS id FROM "Annotation" a
    WHERE a."teamId" = ${team.id}::uuid AND ${visibleAnnotationSql(viewer)}`;
  return ids(rows);
}

async function byPrisma(where: Prisma.AnnotationWhereInput): Promise<string[]> {
  return ids(
    await db.annotation.findMany({ where: { AND: [{ teamId: team.id }, where] }, select: { id: true } }),
  );
}

function inMemory(viewer: AnnotationViewer): string[] {
  return ids(
    annotations.filter((annotation) =>
      isAnnotationVisible(viewer, annotation, openRounds.get(annotation.articleId) ?? null),
    ),
  );
}

describe("the three spellings of the visibility rule agree", () => {
  it.each([
    ["annotator A of the open round", () => ({ userId: a.id, seesAll: false })],
    ["annotator B of the open round", () => ({ userId: b.id, seesAll: false })],
    ["annotator C outside it", () => ({ userId: c.id, seesAll: false })],
    ["the team view", () => TEAM_VIEWER],
    ["the moderators' view", () => FULL_VIEWER],
  ] as const)("for %s", async (_name, viewerOf) => {
    const viewer = viewerOf();
    const expected = inMemory(viewer);
    expect(await bySql(viewer)).toEqual(expected);
    expect(await byPrisma(visibleAnnotationWhere(viewer))).toEqual(expected);
  });

  it("matches the expected picture for A: own annotations of the open article, everything elsewhere", async () => {
    const visible = new Set(inMemory({ userId: a.id, seesAll: false }));
    const expected = annotations.filter(
      (annotation) => annotation.articleId !== openArticle || annotation.authorId === a.id,
    );
    expect([...visible].sort()).toEqual(ids(expected));
  });

  it("gives the same answer across teams, where the member's role decides", async () => {
    for (const member of [a, b, c, team.viewer])
      expect(await byPrisma(visibleAnnotationForMemberWhere(member.id))).toEqual(
        inMemory({ userId: member.id, seesAll: false }),
      );
    expect(await byPrisma(visibleAnnotationForMemberWhere(team.moderator.id))).toEqual(inMemory(FULL_VIEWER));
  });
});
