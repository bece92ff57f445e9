// Over 400 lines: one round followed from start to reveal across every channel (websocket frames, API, exports, notifications, page paint); split, the shared open connections would be lost.
// Blind rounds (issue 17): while a round is open, annotator B never receives annotator A's
// annotations: not in any websocket frame of B's live connection, not through the API, exports,
// notifications, the dashboard or what the page paints; after the reveal B receives them. Also
// the permissions of the rounds API and the freeze after submitting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GET as getAnnotationRoute,
  PATCH as patchAnnotationRoute,
} from "../../app/api/v1/annotations/[id]/route.ts";
import { GET as agreementRoute } from "../../app/api/v1/articles/[id]/agreement/route.ts";
import { GET as listRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { GET as exportRoute } from "../../app/api/v1/articles/[id]/export/route.ts";
import { GET as listRoundsRoute, POST as startRoute } from "../../app/api/v1/articles/[id]/rounds/route.ts";
import { GET as notificationsRoute } from "../../app/api/v1/notifications/route.ts";
import { GET as getRoundRoute, PATCH as patchRoundRoute } from "../../app/api/v1/rounds/[id]/route.ts";
import { POST as submitRoute } from "../../app/api/v1/rounds/[id]/submissions/route.ts";
import { GET as teamExportRoute } from "../../app/api/v1/teams/[team]/export/route.ts";
import { listHighlightSpans } from "../../lib/annotations/list-highlight-spans.ts";
import { ANNOTATIONS_MAP } from "../../lib/annotations/live-entry.ts";
import { annotationsDocumentName, annotationsViewDocumentName } from "../../lib/collab/document-name.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { db } from "../../lib/db.ts";
import { postAnnotation } from "../support/annotation-requests.ts";
import { callJson, callRoute, sessionCookie } from "../support/api.ts";
import {
  connectSynced,
  connectTestClient,
  eventually,
  settleFor,
  type TestClient,
} from "../support/collab-client.ts";
import {
  type CollabTestServer,
  startLiveCollabServer,
  stopLiveCollabServer,
} from "../support/collab-server.ts";
import { DEMO_TEXT as body, spanOf } from "../support/demo-text.ts";
import {
  createApiToken,
  createTeamWithMembers,
  insertTextArticle,
  type TestTeam,
  type TestUser,
} from "../support/factories.ts";

let team: TestTeam;
let other: TestTeam;
let annotatorA: TestUser;
let annotatorB: TestUser;
let annotatorC: TestUser;
let server: CollabTestServer;
const clients: TestClient[] = [];
const cookies = new Map<string, string>();

function auth(user: TestUser) {
  return { cookie: cookies.get(user.id)! };
}

async function connect(user: TestUser, name: string): Promise<TestClient> {
  return connectSynced(clients, server.url, name, cookies.get(user.id), `${user.name} opens ${name}`);
}

async function refused(user: TestUser, name: string): Promise<void> {
  const client = connectTestClient(server.url, name, cookies.get(user.id));
  clients.push(client);
  expect((await client.outcome).authenticated, `${user.name} is refused ${name}`).toBe(false);
  expect(client.doc.getMap(ANNOTATIONS_MAP).size).toBe(0);
}

/** Whether any raw frame the client received contains the text (UTF-8, as Yjs carries strings). */
function received(client: TestClient, text: string): boolean {
  const needle = Buffer.from(text, "utf8");
  return client.frames.some((frame) => frame.includes(needle));
}

function liveIds(client: TestClient): string[] {
  return [...client.doc.getMap(ANNOTATIONS_MAP).keys()].sort();
}

async function newArticle(): Promise<string> {
  return (await insertTextArticle({ teamId: team.id, importedById: team.admin.id, title: "Blind" })).id;
}

async function tag(user: TestUser, articleId: string, quote: string, label = "fact") {
  const { status, body: created } = await postAnnotation(auth(user), articleId, { label, ...spanOf(quote) });
  expect(status, JSON.stringify(created)).toBe(201);
  return created as { id: string; quote: string; version: number; roundId: string | null };
}

async function startRound(articleId: string, annotatorIds: string[], as: TestUser = team.moderator) {
  return callJson(startRoute, `/api/v1/articles/${articleId}/rounds`, {
    method: "POST",
    auth: auth(as),
    params: { id: articleId },
    body: { annotatorIds },
  });
}

async function listIds(user: TestUser, articleId: string): Promise<string[]> {
  const { status, body: list } = await callJson(listRoute, `/api/v1/articles/${articleId}/annotations`, {
    auth: auth(user),
    params: { id: articleId },
  });
  expect(status).toBe(200);
  return (list.annotations as { id: string }[]).map((a) => a.id);
}

async function exportText(user: TestUser, articleId: string): Promise<string> {
  const response = await callRoute(exportRoute, `/api/v1/articles/${articleId}/export?format=json`, {
    auth: auth(user),
    params: { id: articleId },
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function teamExportText(user: TestUser): Promise<string> {
  const response = await callRoute(teamExportRoute, `/api/v1/teams/${team.slug}/export?format=json`, {
    auth: auth(user),
    params: { team: team.slug },
  });
  expect(response.status).toBe(200);
  return response.text();
}

async function notificationText(user: TestUser): Promise<string> {
  const { status, body: list } = await callJson(notificationsRoute, "/api/v1/notifications", {
    auth: auth(user),
  });
  expect(status).toBe(200);
  return JSON.stringify(list);
}

async function paintedIds(user: TestUser, articleId: string): Promise<string[]> {
  const spans = await listHighlightSpans({ actor: user.actor, articleId, text: body });
  return spans.map((span) => span.id);
}

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR", "ANNOTATOR"] });
  other = await createTeamWithMembers();
  annotatorA = team.annotator;
  annotatorB = team.members[4]!;
  annotatorC = team.members[5]!;
  for (const user of [...team.members, other.admin]) cookies.set(user.id, await sessionCookie(user));
  server = await startLiveCollabServer();
});

afterAll(async () => {
  await stopLiveCollabServer(server, clients);
});

describe("a blind round, from start to reveal", () => {
  let articleId: string;
  let roundId: string;
  let before: { id: string; quote: string };
  let aRound: { id: string; quote: string };
  let bRound: { id: string; quote: string; version: number };
  let bClient: TestClient;
  let viewerClient: TestClient;
  let moderatorClient: TestClient;
  let bToken: string;

  beforeAll(async () => {
    articleId = await newArticle();
    // A's approved annotation from before the round: blind means B does not see it either.
    before = await tag(annotatorA, articleId, "34,573 airstrikes");
    await db.annotation.update({ where: { id: before.id }, data: { status: "APPROVED" } });
    bToken = (
      await createApiToken({ teamId: team.id, createdById: annotatorB.id, scopes: ["READ", "EXPORT"] })
    ).secret;
  });

  it("starts: 201 for a moderator, 409 for a second open round", async () => {
    const started = await startRound(articleId, [annotatorA.id, annotatorB.id]);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ status: "open", annotatorCount: 2 });
    roundId = started.body.id;
    expect((await startRound(articleId, [annotatorC.id])).status).toBe(409);
  });

  it("gives B only B's own live document, and the team view none of the round", async () => {
    const roundDoc = annotationsViewDocumentName(articleId, {
      kind: "round",
      roundId,
      userId: annotatorB.id,
    });
    bClient = await connect(annotatorB, roundDoc);
    await refused(annotatorB, annotationsDocumentName(articleId));
    await refused(annotatorB, annotationsViewDocumentName(articleId, { kind: "all" }));
    await refused(
      annotatorB,
      annotationsViewDocumentName(articleId, { kind: "round", roundId, userId: annotatorA.id }),
    );
    await refused(annotatorC, annotationsViewDocumentName(articleId, { kind: "all" }));
    await refused(other.admin, roundDoc);
    viewerClient = await connect(team.viewer, annotationsDocumentName(articleId));
    moderatorClient = await connect(team.moderator, annotationsViewDocumentName(articleId, { kind: "all" }));
    expect(liveIds(bClient)).toEqual([]);
    expect(liveIds(viewerClient)).toEqual([before.id]);
    expect(liveIds(moderatorClient)).toEqual([before.id]);
  });

  it("keeps A's round annotations out of every frame B receives; moderators see everything live", async () => {
    aRound = await tag(annotatorA, articleId, "at least 1,335 civilians", "opinion");
    expect((aRound as { roundId?: string }).roundId).toBe(roundId);
    bRound = await tag(annotatorB, articleId, "at least 1,335 civilians", "fact");
    await eventually(
      () => liveIds(moderatorClient).length === 3,
      "the moderator sees both round annotations",
    );
    await eventually(() => liveIds(bClient).includes(bRound.id), "B sees B's own annotation");
    await settleFor(300);
    expect(liveIds(bClient)).toEqual([bRound.id]);
    for (const text of [aRound.id, before.id, before.quote])
      expect(received(bClient, text), text).toBe(false);
    expect(received(bClient, bRound.id)).toBe(true);
    // The team view (viewers, annotators outside the round) gets none of the round's.
    expect(liveIds(viewerClient)).toEqual([before.id]);
    for (const text of [aRound.id, bRound.id]) expect(received(viewerClient, text), text).toBe(false);
  });

  it("applies the same rule to the API (session and token), the painted page, exports, the dashboard", async () => {
    expect(await listIds(annotatorB, articleId)).toEqual([bRound.id]);
    expect(await listIds(annotatorC, articleId)).toEqual([before.id]);
    expect(await listIds(team.viewer, articleId)).toEqual([before.id]);
    expect((await listIds(team.moderator, articleId)).sort()).toEqual(
      [before.id, aRound.id, bRound.id].sort(),
    );
    const byToken = await callJson(listRoute, `/api/v1/articles/${articleId}/annotations`, {
      auth: { bearer: bToken },
      params: { id: articleId },
    });
    expect((byToken.body.annotations as { id: string }[]).map((a) => a.id)).toEqual([bRound.id]);
    for (const id of [aRound.id, before.id]) {
      const one = await callRoute(getAnnotationRoute, `/api/v1/annotations/${id}`, {
        auth: auth(annotatorB),
        params: { id },
      });
      expect(one.status).toBe(404);
    }
    expect(await paintedIds(annotatorB, articleId)).toEqual([bRound.id]);
    expect(await paintedIds(team.viewer, articleId)).toEqual([before.id]);
    for (const text of [await exportText(annotatorB, articleId), await teamExportText(annotatorB)]) {
      expect(text).not.toContain(aRound.id);
      expect(text).not.toContain(before.id);
    }
    const agreement = await callJson(agreementRoute, `/api/v1/articles/${articleId}/agreement`, {
      auth: auth(annotatorB),
      params: { id: articleId },
    });
    expect(agreement.status).toBe(200);
    expect(JSON.stringify(agreement.body)).not.toContain(annotatorA.id);
  });

  it("keeps notifications about A's annotations from B while the round is blind", async () => {
    await db.notification.create({
      data: {
        userId: annotatorB.id,
        teamId: team.id,
        kind: "annotation.replied",
        annotationId: aRound.id,
        payload: { articleId, by: { id: annotatorA.id } },
      },
    });
    expect(await notificationText(annotatorB)).not.toContain(aRound.id);
  });

  it("shows progress to moderators only; annotators see their own", async () => {
    const asModerator = await callJson(getRoundRoute, `/api/v1/rounds/${roundId}`, {
      auth: auth(team.moderator),
      params: { id: roundId },
    });
    expect(asModerator.body.assignments).toHaveLength(2);
    const counts = Object.fromEntries(
      (asModerator.body.assignments as { annotator: { id: string }; annotations: number }[]).map((a) => [
        a.annotator.id,
        a.annotations,
      ]),
    );
    expect(counts).toEqual({ [annotatorA.id]: 1, [annotatorB.id]: 1 });
    const asB = await callJson(getRoundRoute, `/api/v1/rounds/${roundId}`, {
      auth: auth(annotatorB),
      params: { id: roundId },
    });
    expect((asB.body.assignments as { annotator: { id: string } }[]).map((a) => a.annotator.id)).toEqual([
      annotatorB.id,
    ]);
    const asC = await callJson(listRoundsRoute, `/api/v1/articles/${articleId}/rounds`, {
      auth: auth(annotatorC),
      params: { id: articleId },
    });
    expect(asC.body.rounds[0].assignments).toEqual([]);
  });

  it("refuses annotators starting, extending or closing rounds, and other teams (404)", async () => {
    const fresh = await newArticle();
    expect((await startRound(fresh, [annotatorC.id], annotatorA)).status).toBe(403);
    expect((await startRound(fresh, [team.viewer.id])).status).toBe(400);
    const patch = (user: TestUser, input: unknown) =>
      callRoute(patchRoundRoute, `/api/v1/rounds/${roundId}`, {
        method: "PATCH",
        auth: auth(user),
        params: { id: roundId },
        body: input,
      });
    expect((await patch(annotatorA, { status: "revealed" })).status).toBe(403);
    expect((await patch(annotatorA, { dueAt: "2031-01-01T00:00:00Z" })).status).toBe(403);
    expect((await patch(team.viewer, { status: "revealed" })).status).toBe(403);
    expect((await patch(other.admin, { status: "revealed" })).status).toBe(404);
    expect((await startRound(articleId, [annotatorC.id], other.admin)).status).toBe(404);
    const stranger = await callRoute(getRoundRoute, `/api/v1/rounds/${roundId}`, {
      auth: auth(other.admin),
      params: { id: roundId },
    });
    expect(stranger.status).toBe(404);
    const strangerSubmits = await callRoute(submitRoute, `/api/v1/rounds/${roundId}/submissions`, {
      method: "POST",
      auth: auth(other.admin),
      params: { id: roundId },
    });
    expect(strangerSubmits.status).toBe(404);
    const notAssigned = await callRoute(submitRoute, `/api/v1/rounds/${roundId}/submissions`, {
      method: "POST",
      auth: auth(annotatorC),
      params: { id: roundId },
    });
    expect(notAssigned.status).toBe(403);
  });

  it("freezes B's annotations once B submitted", async () => {
    const submitted = await callJson(submitRoute, `/api/v1/rounds/${roundId}/submissions`, {
      method: "POST",
      auth: auth(annotatorB),
      params: { id: roundId },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.revealed).toBe(false);
    const again = await callRoute(submitRoute, `/api/v1/rounds/${roundId}/submissions`, {
      method: "POST",
      auth: auth(annotatorB),
      params: { id: roundId },
    });
    expect(again.status).toBe(409);
    const edit = await callRoute(patchAnnotationRoute, `/api/v1/annotations/${bRound.id}`, {
      method: "PATCH",
      auth: auth(annotatorB),
      params: { id: bRound.id },
      body: { label: "opinion", version: bRound.version },
    });
    expect(edit.status).toBe(409);
    const more = await postAnnotation(auth(annotatorB), articleId, {
      label: "fact",
      ...spanOf("airstrikes"),
    });
    expect(more.status).toBe(409);
    expect(received(bClient, aRound.id)).toBe(false);
  });

  it("reveals when the last annotator submits: B's open connection then receives A's annotations", async () => {
    const submitted = await callJson(submitRoute, `/api/v1/rounds/${roundId}/submissions`, {
      method: "POST",
      auth: auth(annotatorA),
      params: { id: roundId },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body.revealed).toBe(true);
    expect(submitted.body.round.status).toBe("revealed");
    await eventually(
      () => liveIds(bClient).includes(aRound.id),
      "B receives A's round annotation after the reveal",
    );
    expect(received(bClient, aRound.id)).toBe(true);
    expect(liveIds(bClient).sort()).toEqual([before.id, aRound.id, bRound.id].sort());
    await eventually(() => liveIds(viewerClient).length === 3, "the team view receives the round");
    expect((await listIds(annotatorB, articleId)).sort()).toEqual([before.id, aRound.id, bRound.id].sort());
    expect(await notificationText(annotatorB)).toContain(aRound.id);
    expect(await exportText(annotatorB, articleId)).toContain(before.id);
    // The round's annotations reach exports with their round once approved (adjudicated).
    await db.annotation.update({ where: { id: aRound.id }, data: { status: "APPROVED" } });
    const exported = JSON.parse(await exportText(annotatorB, articleId)) as {
      annotations: { id: string; round?: { id: string; submittedAt: string | null } }[];
    };
    const inExport = exported.annotations.find((a) => a.id === aRound.id);
    expect(inExport?.round?.id).toBe(roundId);
    expect(inExport?.round?.submittedAt).toEqual(submitted.body.submittedAt);
    const w3c = await callRoute(exportRoute, `/api/v1/articles/${articleId}/export?format=w3c`, {
      auth: auth(annotatorB),
      params: { id: articleId },
    });
    const w3cItem = ((await w3c.json()) as { first: { items: Record<string, unknown>[] } }).first.items.find(
      (item) => String(item.id).endsWith(aRound.id),
    );
    expect(w3cItem?.["proofmark:round"]).toBe(`urn:uuid:${roundId}`);
    expect(w3cItem?.["proofmark:roundSubmitted"]).toEqual(submitted.body.submittedAt);
    expect(await teamExportText(annotatorB)).toContain(aRound.id);
  });

  it("keeps the revealed annotations frozen and the round's events out of the feed until the reveal", async () => {
    const events = await db.event.findMany({
      where: { teamId: team.id },
      select: { type: true, payload: true },
    });
    const created = events
      .filter((event) => event.type === "annotation.created")
      .map((e) => JSON.stringify(e.payload));
    expect(created.some((payload) => payload.includes(aRound.id))).toBe(false);
    const revealed = events.find((event) => event.type === "round.revealed");
    expect(JSON.stringify(revealed?.payload)).toContain(aRound.id);
  });
});

describe("round start and restart", () => {
  it("moves an annotator of a new round and the moderators off the team's view at once", async () => {
    const articleId = await newArticle();
    await tag(annotatorA, articleId, "34,573 airstrikes");
    const client = await connect(annotatorB, annotationsDocumentName(articleId));
    const moderator = await connect(team.moderator, annotationsDocumentName(articleId));
    const outsider = await connect(annotatorC, annotationsDocumentName(articleId));
    expect(liveIds(client)).toHaveLength(1);
    expect((await startRound(articleId, [annotatorB.id])).status).toBe(201);
    await eventually(
      () => client.closedWith() === "access-revoked",
      "B's team-view connection is closed",
      5000,
    );
    await eventually(
      () => moderator.closedWith() === "access-revoked",
      "the moderator moves to the full view",
      5000,
    );
    await settleFor(300);
    expect(outsider.closedWith()).toBeNull();
  });

  it("rebuilds an open round's documents from PostgreSQL after a restart", async () => {
    const articleId = await newArticle();
    const started = await startRound(articleId, [annotatorA.id, annotatorB.id]);
    const roundId = started.body.id as string;
    const a = await tag(annotatorA, articleId, "34,573 airstrikes");
    const b = await tag(annotatorB, articleId, "at least 1,335 civilians");
    registerCollabInstance(undefined);
    await server.close();
    server = await startLiveCollabServer();
    const bClient = await connect(
      annotatorB,
      annotationsViewDocumentName(articleId, { kind: "round", roundId, userId: annotatorB.id }),
    );
    expect(liveIds(bClient)).toEqual([b.id]);
    expect(received(bClient, a.id)).toBe(false);
    const all = await connect(team.moderator, annotationsViewDocumentName(articleId, { kind: "all" }));
    expect(liveIds(all).sort()).toEqual([a.id, b.id].sort());
    // A moderator closes the round early: it is revealed to everyone.
    const closed = await callJson(patchRoundRoute, `/api/v1/rounds/${roundId}`, {
      method: "PATCH",
      auth: auth(team.moderator),
      params: { id: roundId },
      body: { status: "revealed" },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe("revealed");
    await eventually(() => liveIds(bClient).includes(a.id), "B receives A's annotation after the close");
  });
});
