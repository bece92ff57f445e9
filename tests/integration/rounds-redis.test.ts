import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createAnnotationRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { POST as startRoute } from "../../app/api/v1/articles/[id]/rounds/route.ts";
import { PATCH as patchRoundRoute } from "../../app/api/v1/rounds/[id]/route.ts";
import { ANNOTATIONS_MAP } from "../../lib/annotations/live-entry.ts";
import { annotationsDocumentName, annotationsViewDocumentName } from "../../lib/collab/document-name.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { latestRoundProgress, ROUND_PROGRESS_MAP } from "../../lib/rounds/live-round-progress-entry.ts";
import { callJson } from "../support/api.ts";
import { connectTestClient, eventually, settleFor, type TestClient } from "../support/collab-client.ts";
import {
  createTestMember,
  createTestTeam,
  createTextArticle,
  type TestMember,
} from "../support/collab-fixtures.ts";
import {
  type CollabTestServer,
  startRedisCollabServers,
  stopRedisCollabServers,
} from "../support/collab-server.ts";

const redisUrl = process.env.REDIS_URL;
const TEXT = "The ministry said 40 people died. Witnesses counted more than 200 in the square.";

describe.runIf(redisUrl)("a blind round across instances (Redis)", () => {
  let servers: CollabTestServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    servers = await startRedisCollabServers(redisUrl!);
  });

  afterAll(async () => {
    await stopRedisCollabServers(servers, clients);
  });

  async function open(member: TestMember, name: string): Promise<TestClient> {
    const client = connectTestClient(servers[1]!.url, name, member.cookie);
    clients.push(client);
    expect((await client.outcome).authenticated).toBe(true);
    await client.synced();
    return client;
  }

  function tag(member: TestMember, articleId: string, quote: string) {
    const start = TEXT.indexOf(quote);
    return callJson(createAnnotationRoute, `/api/v1/articles/${articleId}/annotations`, {
      method: "POST",
      auth: { cookie: member.cookie },
      params: { id: articleId },
      body: { label: "fact", start, end: start + quote.length },
    });
  }

  it("keeps A's annotation from B's connection on the other instance until the reveal", async () => {
    const teamId = (await createTestTeam()).id;
    const moderator = await createTestMember(teamId, "MODERATOR");
    const a = await createTestMember(teamId, "ANNOTATOR");
    const b = await createTestMember(teamId, "ANNOTATOR");
    const viewer = await createTestMember(teamId, "VIEWER");
    const articleId = await createTextArticle(teamId, moderator.userId, TEXT);
    // Every request below is served by instance 0; the connections are on instance 1.
    registerCollabInstance(servers[0]!.hocuspocus);
    const started = await callJson(startRoute, `/api/v1/articles/${articleId}/rounds`, {
      method: "POST",
      auth: { cookie: moderator.cookie },
      params: { id: articleId },
      body: { annotatorIds: [a.userId, b.userId] },
    });
    expect(started.status).toBe(201);
    const roundId = started.body.id as string;
    const bClient = await open(
      b,
      annotationsViewDocumentName(articleId, { kind: "round", roundId, userId: b.userId }),
    );
    const all = await open(moderator, annotationsViewDocumentName(articleId, { kind: "all" }));
    const team = await open(viewer, annotationsDocumentName(articleId));

    const fromA = await tag(a, articleId, "40 people died");
    const fromB = await tag(b, articleId, "more than 200");
    expect(fromA.status).toBe(201);
    expect(fromB.status).toBe(201);
    await eventually(
      () => all.doc.getMap(ANNOTATIONS_MAP).size === 2,
      "the moderators' view gets both",
      5000,
    );
    await eventually(() => bClient.doc.getMap(ANNOTATIONS_MAP).has(fromB.body.id), "B gets B's own", 5000);
    // The moderators' round progress reaches their view on the other instance; no other view.
    await eventually(
      () =>
        latestRoundProgress(all.doc.getMap(ROUND_PROGRESS_MAP).entries(), roundId).get(a.userId)
          ?.annotations === 1,
      "the moderators' view gets A's progress",
      5000,
    );
    await settleFor(300);
    const needle = Buffer.from(fromA.body.id);
    expect(bClient.frames.some((frame) => frame.includes(needle))).toBe(false);
    expect(team.doc.getMap(ANNOTATIONS_MAP).size).toBe(0);
    const progressName = Buffer.from(ROUND_PROGRESS_MAP);
    for (const client of [bClient, team])
      expect(client.frames.some((frame) => frame.includes(progressName))).toBe(false);

    const revealed = await callJson(patchRoundRoute, `/api/v1/rounds/${roundId}`, {
      method: "PATCH",
      auth: { cookie: moderator.cookie },
      params: { id: roundId },
      body: { status: "revealed" },
    });
    expect(revealed.status).toBe(200);
    await eventually(
      () => bClient.doc.getMap(ANNOTATIONS_MAP).has(fromA.body.id),
      "B gets A's after the reveal",
      5000,
    );
    await eventually(() => team.doc.getMap(ANNOTATIONS_MAP).size === 2, "the team view gets both", 5000);
  });
});
