// Blind rounds (issue 17, item 1): moderators see each annotator's progress live. The server writes
// it into the `roundProgress` map of the moderators' full view (`article.<id>.annotations.all`)
// after every change that moves it; no annotator's view and not the team's ever receives that map,
// in any websocket frame.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteAnnotationRoute } from "../../app/api/v1/annotations/[id]/route.ts";
import { POST as createAnnotationRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { POST as startRoute } from "../../app/api/v1/articles/[id]/rounds/route.ts";
import { PATCH as patchRoundRoute } from "../../app/api/v1/rounds/[id]/route.ts";
import { POST as submitRoute } from "../../app/api/v1/rounds/[id]/submissions/route.ts";
import { createAnnotationStateExtension } from "../../lib/collab/annotation-state.ts";
import { annotationsDocumentName, annotationsViewDocumentName } from "../../lib/collab/document-name.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import {
  latestRoundProgress,
  ROUND_PROGRESS_MAP,
  type RoundProgressEntry,
} from "../../lib/rounds/live-round-progress-entry.ts";
import { callJson, callRoute } from "../support/api.ts";
import { connectTestClient, eventually, settleFor, type TestClient } from "../support/collab-client.ts";
import {
  createTestMember,
  createTestTeam,
  createTextArticle,
  type TestMember,
} from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

const TEXT =
  "The ministry said 40 people died in the blast. Officials must resign at once. Witnesses counted more than 200 in the square.";

let server: CollabTestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startCollabTestServer({ extensions: [createAnnotationStateExtension()] });
  registerCollabInstance(server.hocuspocus);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  registerCollabInstance(undefined);
  await server.close();
});

async function open(member: TestMember, name: string): Promise<TestClient> {
  const client = connectTestClient(server.url, name, member.cookie);
  clients.push(client);
  expect((await client.outcome).authenticated, `opens ${name}`).toBe(true);
  await client.synced();
  return client;
}

/** Each annotator's latest progress entry in a round that a client's document holds, by annotator id. */
function progressIn(client: TestClient, round: string): Record<string, RoundProgressEntry> {
  return Object.fromEntries(latestRoundProgress(client.doc.getMap(ROUND_PROGRESS_MAP).entries(), round));
}

/** Whether any raw frame the client received contains the text (Yjs carries map names as UTF-8). */
function received(client: TestClient, text: string): boolean {
  const needle = Buffer.from(text, "utf8");
  return client.frames.some((frame) => frame.includes(needle));
}

async function tag(member: TestMember, articleId: string, quote: string) {
  const start = TEXT.indexOf(quote);
  const created = await callJson(createAnnotationRoute, `/api/v1/articles/${articleId}/annotations`, {
    method: "POST",
    auth: { cookie: member.cookie },
    params: { id: articleId },
    body: { label: "fact", start, end: start + quote.length },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; version: number; roundId: string | null };
}

async function startRound(moderator: TestMember, articleId: string, annotatorIds: string[]) {
  const started = await callJson(startRoute, `/api/v1/articles/${articleId}/rounds`, {
    method: "POST",
    auth: { cookie: moderator.cookie },
    params: { id: articleId },
    body: { annotatorIds },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  return started.body.id as string;
}

async function submit(member: TestMember, roundId: string) {
  const submitted = await callJson(submitRoute, `/api/v1/rounds/${roundId}/submissions`, {
    method: "POST",
    auth: { cookie: member.cookie },
    params: { id: roundId },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  return submitted.body as { submittedAt: string; revealed: boolean };
}

describe("round progress, live for moderators only", () => {
  let moderator: TestMember;
  let a: TestMember;
  let b: TestMember;
  let c: TestMember;
  let viewer: TestMember;
  let articleId: string;
  let roundId: string;
  let all: TestClient;
  let aClient: TestClient;
  let bClient: TestClient;
  let teamClient: TestClient;
  let outsiderClient: TestClient;

  beforeAll(async () => {
    const teamId = (await createTestTeam()).id;
    moderator = await createTestMember(teamId, "MODERATOR");
    a = await createTestMember(teamId, "ANNOTATOR");
    b = await createTestMember(teamId, "ANNOTATOR");
    c = await createTestMember(teamId, "ANNOTATOR");
    viewer = await createTestMember(teamId, "VIEWER");
    articleId = await createTextArticle(teamId, moderator.userId, TEXT);
  });

  it("builds the moderators' map from PostgreSQL when their view is loaded", async () => {
    roundId = await startRound(moderator, articleId, [a.userId, b.userId]);
    const roundView = (userId: string) =>
      annotationsViewDocumentName(articleId, { kind: "round", roundId, userId });
    aClient = await open(a, roundView(a.userId));
    bClient = await open(b, roundView(b.userId));
    teamClient = await open(viewer, annotationsDocumentName(articleId));
    outsiderClient = await open(c, annotationsDocumentName(articleId));
    // A tags before any moderator has the full view open: nothing is published to it.
    await tag(a, articleId, "40 people died");
    all = await open(moderator, annotationsViewDocumentName(articleId, { kind: "all" }));
    expect(progressIn(all, roundId)).toEqual({
      [a.userId]: {
        roundId,
        annotator: { id: a.userId, name: expect.any(String) },
        annotations: 1,
        submittedAt: null,
        version: 1,
      },
      [b.userId]: {
        roundId,
        annotator: { id: b.userId, name: expect.any(String) },
        annotations: 0,
        submittedAt: null,
        version: 0,
      },
    });
    // One entry per annotator: a key per version, the older ones removed.
    expect(all.doc.getMap(ROUND_PROGRESS_MAP).size).toBe(2);
  });

  it("changes an annotator's entry when they tag, delete and submit", async () => {
    const fromB = await tag(b, articleId, "Officials must resign");
    await eventually(() => progressIn(all, roundId)[b.userId]?.annotations === 1, "B's tag counts at once");
    const second = await tag(b, articleId, "more than 200");
    await eventually(() => progressIn(all, roundId)[b.userId]?.annotations === 2, "B's second tag counts");
    const removed = await callRoute(deleteAnnotationRoute, `/api/v1/annotations/${second.id}`, {
      method: "DELETE",
      auth: { cookie: b.cookie },
      params: { id: second.id },
      body: { version: second.version },
    });
    expect(removed.status).toBe(204);
    await eventually(
      () => progressIn(all, roundId)[b.userId]?.annotations === 1,
      "B's deleted tag no longer counts",
    );
    // Made two, deleted one: three changes; only the latest version is kept.
    expect(progressIn(all, roundId)[b.userId]?.version).toBe(3);
    expect(all.doc.getMap(ROUND_PROGRESS_MAP).size).toBe(2);
    expect(fromB.roundId).toBe(roundId);

    const submitted = await submit(a, roundId);
    expect(submitted.revealed).toBe(false);
    await eventually(
      () => progressIn(all, roundId)[a.userId]?.submittedAt !== null,
      "A's submission shows at once",
    );
    expect(progressIn(all, roundId)[a.userId]).toMatchObject({
      annotations: 1,
      submittedAt: submitted.submittedAt,
    });
    expect(progressIn(all, roundId)[b.userId]).toMatchObject({ annotations: 1, submittedAt: null });

    const extended = await callJson(patchRoundRoute, `/api/v1/rounds/${roundId}`, {
      method: "PATCH",
      auth: { cookie: moderator.cookie },
      params: { id: roundId },
      body: { dueAt: "2031-01-01T00:00:00Z" },
    });
    expect(extended.status).toBe(200);
    await settleFor(200);
    expect(Object.keys(progressIn(all, roundId)).sort()).toEqual([a.userId, b.userId].sort());
  });

  it("never sends the map to an annotator's view or the team's, in any frame", async () => {
    // Everything above has reached the moderator; the others have had the same time.
    await settleFor(300);
    for (const client of [aClient, bClient, teamClient, outsiderClient]) {
      expect(client.doc.getMap(ROUND_PROGRESS_MAP).size).toBe(0);
      expect(received(client, ROUND_PROGRESS_MAP)).toBe(false);
    }
    // A's view never learnt that B tagged or how far B is.
    expect(received(aClient, b.userId)).toBe(false);
    expect(received(all, ROUND_PROGRESS_MAP)).toBe(true);
  });

  it("records the last submission at the reveal; a later round's entries carry that round", async () => {
    const submitted = await submit(b, roundId);
    expect(submitted.revealed).toBe(true);
    await eventually(
      () => progressIn(all, roundId)[b.userId]?.submittedAt === submitted.submittedAt,
      "B's submission reaches the moderators' view with the reveal",
    );
    expect(progressIn(all, roundId)[a.userId]).toMatchObject({ roundId, annotations: 1 });
    // The moderators' view still open: the next round's annotator's entry says its round.
    const next = await startRound(moderator, articleId, [c.userId]);
    await tag(c, articleId, "Witnesses counted");
    await eventually(() => progressIn(all, next)[c.userId] !== undefined, "the new round's entry arrives");
    expect(progressIn(all, next)[c.userId]).toMatchObject({ annotations: 1, submittedAt: null, version: 1 });
    await settleFor(300);
    for (const client of [aClient, bClient, teamClient])
      expect(received(client, ROUND_PROGRESS_MAP)).toBe(false);
  });
});
