import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  DELETE as deleteRoute,
  GET as getAnnotationRoute,
  PATCH as patchRoute,
} from "../../app/api/v1/annotations/[id]/route.ts";
import { GET as listRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { ANNOTATIONS_MAP, isQuoteOf } from "../../lib/annotations/live-entry.ts";
import { db } from "../../lib/db.ts";
import { postAnnotation } from "../support/annotation-requests.ts";
import { callJson, callRoute, sessionCookie, type TestAuth } from "../support/api.ts";
import { connectSynced, eventually, liveAnnotation, type TestClient } from "../support/collab-client.ts";
import {
  type CollabTestServer,
  startLiveCollabServer,
  stopLiveCollabServer,
} from "../support/collab-server.ts";
import { DEMO_TEXT as body, spanOf as span } from "../support/demo-text.ts";
import { createApiToken, type TestTeam } from "../support/factories.ts";
import { startLiveArticleWorld } from "../support/live-article.ts";

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let server: CollabTestServer;
const clients: TestClient[] = [];
const cookies: Record<string, string> = {};

async function startServer() {
  server = await startLiveCollabServer();
}

async function connect(who: keyof typeof cookies, kind: "body" | "annotations" = "annotations") {
  const name = kind === "body" ? `article.${articleId}` : `article.${articleId}.annotations`;
  return connectSynced(clients, server.url, name, cookies[who]);
}

function liveIds(client: TestClient): string[] {
  return [...client.doc.getMap(ANNOTATIONS_MAP).keys()].sort();
}

function create(auth: TestAuth, input: unknown) {
  return postAnnotation(auth, articleId, input);
}

beforeAll(async () => {
  ({ team, other, articleId, server } = await startLiveArticleWorld({ extra: ["ANNOTATOR"] }));
  for (const [key, user] of Object.entries({
    annotator: team.annotator,
    annotator2: team.members[4]!,
    moderator: team.moderator,
    viewer: team.viewer,
    outsider: other.admin,
  })) {
    cookies[key] = await sessionCookie(user);
  }
});

afterAll(async () => {
  await stopLiveCollabServer(server, clients);
});

describe("server-authoritative annotations", () => {
  let factId: string;

  it("creates an annotation through the API and every connected client receives it", async () => {
    const first = await connect("annotator");
    const second = await connect("viewer");
    const { status, body: created } = await create(
      { cookie: cookies.annotator! },
      { label: "fact", ...span("34,573 airstrikes"), note: "Coalition's own figure" },
    );
    expect(status).toBe(201);
    expect(created).toMatchObject({
      label: "fact",
      status: "pending",
      quote: "34,573 airstrikes",
      version: 1,
      orphaned: false,
    });
    expect(body.slice(created.start, created.end)).toBe(created.quote);
    expect(created.prefix).toBe(body.slice(created.start - 32, created.start));
    factId = created.id;
    await eventually(
      () => liveIds(first).includes(factId) && liveIds(second).includes(factId),
      "both clients receive the annotation",
    );
    expect(liveAnnotation(first.doc, factId)).toMatchObject({ label: "fact" });
    expect(isQuoteOf(liveAnnotation(first.doc, factId)!, "34,573 airstrikes")).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { entityId: factId } });
    expect(audit.map((event) => event.action)).toEqual(["annotation.create"]);
  });

  it("ignores a hand-crafted Yjs update: nothing created, changed or deleted anywhere", async () => {
    const forger = await connect("annotator2");
    const watcher = await connect("moderator");
    await eventually(() => liveIds(forger).includes(factId), "forger has the state");
    forger.doc.transact(() => {
      const map = forger.doc.getMap<Record<string, unknown>>(ANNOTATIONS_MAP);
      map.set("00000000-0000-4000-8000-000000000000", { id: "forged", label: "advocacy" });
      map.set(factId, { ...liveAnnotation(forger.doc, factId), label: "opinion", status: "approved" });
      map.delete(factId);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const serverDoc = server.hocuspocus.documents.get(`article.${articleId}.annotations`)!;
    expect([...serverDoc.getMap(ANNOTATIONS_MAP).keys()]).toEqual([factId]);
    expect(liveAnnotation(serverDoc, factId)).toMatchObject({
      label: "fact",
      status: "pending",
    });
    expect(liveIds(watcher)).toEqual([factId]);
    const row = await db.annotation.findUniqueOrThrow({ where: { id: factId } });
    expect(row).toMatchObject({ label: "FACT", status: "PENDING", deletedAt: null });
    expect(await db.annotation.count()).toBe(1);
  });

  it("lets overlapping spans coexist and lists them in document order", async () => {
    const { status, body: opinion } = await create(
      { cookie: cookies.annotator2! },
      { label: "opinion", ...span("conducted a total of 34,573 airstrikes") },
    );
    expect(status).toBe(201);
    const { body: list } = await callJson(listRoute, `/api/v1/articles/${articleId}/annotations`, {
      auth: { cookie: cookies.viewer! },
      params: { id: articleId },
    });
    expect(list.annotations.map((a: { id: string }) => a.id)).toEqual([opinion.id, factId]);
    const { body: onlyFacts } = await callJson(
      listRoute,
      `/api/v1/articles/${articleId}/annotations?label=fact`,
      { auth: { cookie: cookies.viewer! }, params: { id: articleId } },
    );
    expect(onlyFacts.annotations.map((a: { id: string }) => a.id)).toEqual([factId]);
  });

  it("edits need the current version (409 when stale) and only the author may edit or delete", async () => {
    const path = `/api/v1/annotations/${factId}`;
    const byOther = await callJson(patchRoute, path, {
      method: "PATCH",
      auth: { cookie: cookies.annotator2! },
      params: { id: factId },
      body: { note: "mine now", version: 1 },
    });
    expect(byOther.status).toBe(403);
    const ok = await callJson(patchRoute, path, {
      method: "PATCH",
      auth: { cookie: cookies.annotator! },
      params: { id: factId },
      body: { note: "Checked twice", version: 1 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ note: "Checked twice", version: 2 });
    const stale = await callJson(patchRoute, path, {
      method: "PATCH",
      auth: { cookie: cookies.annotator! },
      params: { id: factId },
      body: { label: "opinion", version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    const staleDelete = await callRoute(deleteRoute, `${path}?version=1`, {
      method: "DELETE",
      auth: { cookie: cookies.annotator! },
      params: { id: factId },
    });
    expect(staleDelete.status).toBe(409);
    expect((await db.annotation.findUniqueOrThrow({ where: { id: factId } })).note).toBe("Checked twice");
  });

  it("refuses viewers, tokens without the annotate scope, other teams and bad spans", async () => {
    const before = await db.annotation.count();
    expect((await create({ cookie: cookies.viewer! }, { label: "fact", start: 0, end: 5 })).status).toBe(403);
    const readToken = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["READ"],
    });
    expect((await create({ bearer: readToken.secret }, { label: "fact", start: 0, end: 5 })).status).toBe(
      403,
    );
    const outsider = await create({ cookie: cookies.outsider! }, { label: "fact", start: 0, end: 5 });
    expect(outsider.status).toBe(404);
    const readOther = await callJson(getAnnotationRoute, `/api/v1/annotations/${factId}`, {
      auth: { cookie: cookies.outsider! },
      params: { id: factId },
    });
    expect(readOther.status).toBe(404);
    const cases: [unknown, number][] = [
      [{ label: "rumour", start: 0, end: 5 }, 400],
      [{ label: "fact", start: 5, end: 5 }, 400],
      [{ label: "fact", start: -1, end: 5 }, 400],
      [{ label: "fact", start: 0, end: body.length + 10 }, 400],
      [{ label: "fact", start: 0, end: 1.5 }, 400],
      [{ label: "fact", ...span("\n\n"), end: span("\n\n").start + 2 }, 400],
      [{ label: "fact", start: 0, end: 5, quote: "not what is there" }, 409],
      [{ label: "fact", start: 0, end: 5, extra: true }, 400],
      [{ label: "fact", start: 0, end: 5, note: "x".repeat(2001) }, 400],
    ];
    for (const [input, status] of cases) {
      const response = await create({ cookie: cookies.annotator! }, input);
      expect(response.status, JSON.stringify(input)).toBe(status);
      expect(response.body.error.message).toEqual(expect.any(String));
    }
    expect(await db.annotation.count()).toBe(before);
  });

  it("orphans a highlight whose text a correction deletes and tells every client", async () => {
    const watcher = await connect("viewer");
    const editor = await connect("moderator", "body");
    const fragment = editor.doc.getXmlFragment("default");
    const paragraph = fragment.get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const at = text.toString().indexOf("34,573 airstrikes");
    text.delete(at, "34,573 airstrikes".length);
    text.insert(at, "many airstrikes");
    await expect
      .poll(async () => (await db.annotation.findUniqueOrThrow({ where: { id: factId } })).orphaned, {
        timeout: 5000,
      })
      .toBe(true);
    await eventually(
      () => liveAnnotation(watcher.doc, factId)?.orphaned === true,
      "the client sees it orphaned",
    );
    const events = await db.auditEvent.findMany({ where: { entityId: factId, action: "annotation.orphan" } });
    expect(events[0]!.actorId).toBe(team.moderator.id);
  });

  it("after a restart, clients see the same annotations (nothing acknowledged is lost)", async () => {
    const ids = (await db.annotation.findMany({ where: { deletedAt: null }, select: { id: true } }))
      .map((a) => a.id)
      .sort();
    for (const client of clients.splice(0)) client.destroy();
    await server.close();
    await startServer();
    const fresh = await connect("viewer");
    expect(liveIds(fresh)).toEqual(ids);
  });

  it("deletes one's own annotation and every client drops it", async () => {
    const watcher = await connect("viewer");
    const current = await db.annotation.findUniqueOrThrow({ where: { id: factId } });
    const response = await callRoute(deleteRoute, `/api/v1/annotations/${factId}`, {
      method: "DELETE",
      auth: { cookie: cookies.annotator! },
      params: { id: factId },
      body: { version: current.version },
    });
    expect(response.status).toBe(204);
    await eventually(() => !liveIds(watcher).includes(factId), "the client drops it");
    const gone = await callJson(getAnnotationRoute, `/api/v1/annotations/${factId}`, {
      auth: { cookie: cookies.annotator! },
      params: { id: factId },
    });
    expect(gone.status).toBe(404);
  });
});
