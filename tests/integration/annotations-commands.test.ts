// The article page's create path over its open annotations websocket (lib/collab/annotation-commands.ts):
// real Hocuspocus server, real websockets, real PostgreSQL.
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction } from "../../lib/actions/run-action.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { ANNOTATIONS_MAP } from "../../lib/annotations/live-entry.ts";
import { setArticleArchived } from "../../lib/articles/archive-article.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { revokeSession } from "../../lib/auth/revoke-session.ts";
import { createAnnotationCommandsExtension } from "../../lib/collab/annotation-commands.ts";
import { createAnnotationStateExtension } from "../../lib/collab/annotation-state.ts";
import { createBodyPersistenceExtension } from "../../lib/collab/body-persistence.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { type CommandAck, MAX_COMMAND_BYTES, parseCommandAck } from "../../lib/collab/live-commands.ts";
import { db } from "../../lib/db.ts";
import { sessionCookie } from "../support/api.ts";
import {
  connectTestClient,
  eventually,
  liveAnnotation,
  settleFor,
  type TestClient,
} from "../support/collab-client.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";
import { DEMO_TEXT } from "../support/demo-text.ts";
import { createTeamWithMembers, createUser, type TestTeam, type TestUser } from "../support/factories.ts";

const body = DEMO_TEXT;

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let otherArticleId: string;
let server: CollabTestServer;
const clients: TestClient[] = [];

async function newArticle(teamId: string, importedById: string): Promise<string> {
  const article = await db.$transaction((tx) =>
    insertArticle(tx, { teamId, importedById, title: "Demo", format: "text", content: body }),
  );
  return article.id;
}

async function connect(user: TestUser, id = articleId, kind: "body" | "annotations" = "annotations") {
  const name = kind === "body" ? `article.${id}` : `article.${id}.annotations`;
  const client = connectTestClient(server.url, name, await sessionCookie(user));
  clients.push(client);
  expect((await client.outcome).authenticated).toBe(true);
  await client.synced();
  return client;
}

/** Sends a raw stateless payload and waits for the next ack on that connection. */
function send(client: TestClient, payload: string): Promise<CommandAck> {
  return new Promise((resolve) => {
    const onStateless = ({ payload: answer }: { payload: string }) => {
      const ack = parseCommandAck(answer);
      if (!ack) return;
      client.provider.off("stateless", onStateless);
      resolve(ack);
    };
    client.provider.on("stateless", onStateless);
    client.provider.sendStateless(payload);
  });
}

function createCommand(input: unknown, requestId: string = crypto.randomUUID()) {
  return JSON.stringify({ type: "annotation.create", requestId, input });
}

function span(quote: string) {
  const start = body.indexOf(quote);
  return { start, end: start + quote.length, quote };
}

async function annotationCount(): Promise<number> {
  return db.annotation.count({ where: { articleId } });
}

/** The server action's refusal for the same actor and input (createAnnotationAction is runAction over it). */
async function actionRefusal(user: TestUser, id: string, input: unknown): Promise<string> {
  const result = await runAction(() => createAnnotation({ actor: user.actor, articleId: id, input }));
  if (result.ok) throw new Error("the server action created it");
  return result.error;
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  articleId = await newArticle(team.id, team.admin.id);
  otherArticleId = await newArticle(other.id, other.admin.id);
  server = await startCollabTestServer({
    extensions: [
      createBodyPersistenceExtension(),
      createAnnotationStateExtension(),
      createAnnotationCommandsExtension(),
    ],
    debounce: 50,
    maxDebounce: 200,
    // The command itself must refuse an ended session or a removed member, not the re-check.
    accessRecheckIntervalMs: 0,
    accessSignals: false,
  });
  registerCollabInstance(server.hocuspocus);
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  registerCollabInstance(undefined);
  await server.close();
});

describe("creating an annotation over the annotations websocket", () => {
  it("creates, audits and publishes it, and acknowledges with the request id and the annotation", async () => {
    const annotator = await connect(team.annotator);
    const watchers = [await connect(team.viewer), await connect(team.moderator)];
    const requestId = crypto.randomUUID();
    const ack = await send(
      annotator,
      createCommand(
        { label: "fact", ...span("34,573 airstrikes"), note: "Coalition's own figure" },
        requestId,
      ),
    );
    if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
    expect(ack).toEqual({ type: "ack", requestId, ok: true, annotation: expect.any(Object) });
    expect(ack.annotation).toMatchObject({
      articleId,
      label: "fact",
      status: "pending",
      quote: "34,573 airstrikes",
      note: "Coalition's own figure",
      version: 1,
      author: { id: team.annotator.id },
    });
    const id = ack.annotation.id;
    // Published before the ack: the sender already holds it.
    expect(liveAnnotation(annotator.doc, id)).toMatchObject({ label: "fact" });
    await eventually(
      () => watchers.every((client) => liveAnnotation(client.doc, id) !== null),
      "every other client receives it",
    );
    const row = await db.annotation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ authorId: team.annotator.id, label: "FACT", quote: "34,573 airstrikes" });
    const audit = await db.auditEvent.findMany({ where: { entityId: id } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["annotation.create", team.annotator.id],
    ]);
  });

  it("refuses a viewer with the server action's refusal, and stores nothing", async () => {
    const viewer = await connect(team.viewer);
    const input = { label: "fact", ...span("airstrikes") };
    const before = await annotationCount();
    const ack = await send(viewer, createCommand(input));
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "forbidden", message: await actionRefusal(team.viewer, articleId, input) },
    });
    expect(await annotationCount()).toBe(before);
  });

  it("refuses invalid input with the same message as the server action", async () => {
    const annotator = await connect(team.annotator);
    const before = await annotationCount();
    for (const input of [
      { label: "rumour", start: 0, end: 4 },
      { label: "fact", start: 5, end: 2 },
      { label: "fact", start: 0, end: 4, articleId: otherArticleId },
      { label: "fact", start: 0, end: body.length + 10 },
    ]) {
      const ack = await send(annotator, createCommand(input));
      expect(ack).toMatchObject({
        ok: false,
        error: { code: "invalid_input", message: await actionRefusal(team.annotator, articleId, input) },
      });
    }
    expect(await annotationCount()).toBe(before);
  });

  it("refuses an archived article like the server action", async () => {
    const archivedId = await newArticle(team.id, team.admin.id);
    const annotator = await connect(team.annotator, archivedId);
    await setArticleArchived({ actor: team.admin.actor, articleId: archivedId, archived: true });
    const input = { label: "fact", ...span("airstrikes") };
    const ack = await send(annotator, createCommand(input));
    expect(ack).toMatchObject({
      ok: false,
      error: { code: "conflict", message: await actionRefusal(team.annotator, archivedId, input) },
    });
    expect(await db.annotation.count({ where: { articleId: archivedId } })).toBe(0);
  });

  it("never reaches another team's article: the document is refused and its commands are dropped", async () => {
    const acks: string[] = [];
    const outsider = connectTestClient(
      server.url,
      `article.${otherArticleId}.annotations`,
      await sessionCookie(team.annotator),
    );
    clients.push(outsider);
    expect(await outsider.outcome).toEqual({ authenticated: false, reason: "not-found" });
    outsider.provider.on("stateless", ({ payload }: { payload: string }) => acks.push(payload));
    outsider.provider.sendStateless(createCommand({ label: "fact", ...span("airstrikes") }));
    await settleFor(300);
    expect(acks).toEqual([]);
    expect(await db.annotation.count({ where: { articleId: otherArticleId } })).toBe(0);
  });

  it("refuses oversize, malformed and unknown commands with a precise code, storing nothing", async () => {
    const annotator = await connect(team.annotator);
    const before = await annotationCount();
    const requestId = crypto.randomUUID();
    const cases: Array<[string, Partial<CommandAck>]> = [
      [
        createCommand({ label: "fact", start: 0, end: 4, note: "x".repeat(MAX_COMMAND_BYTES) }),
        { requestId: null, error: { code: "too_large", message: expect.any(String) } },
      ],
      ["not json", { requestId: null, error: { code: "malformed_message", message: expect.any(String) } }],
      [
        JSON.stringify({ type: "annotation.create", requestId: "nope", input: {} }),
        { requestId: null, error: { code: "malformed_message", message: expect.any(String) } },
      ],
      [
        JSON.stringify({ type: "annotation.create", requestId, input: {}, extra: 1 }),
        { requestId: null, error: { code: "malformed_message", message: expect.any(String) } },
      ],
      [
        JSON.stringify({ type: "annotation.delete", requestId, input: {} }),
        { requestId, error: { code: "unknown_type", message: expect.any(String) } },
      ],
    ];
    for (const [payload, expected] of cases) {
      expect(await send(annotator, payload)).toEqual({ type: "ack", ok: false, ...expected });
    }
    expect(await annotationCount()).toBe(before);
    // The connection still works after them.
    const ack = await send(annotator, createCommand({ label: "opinion", ...span("coalition") }));
    expect(ack.ok).toBe(true);
  });

  it("refuses commands sent on the body document", async () => {
    const body = await connect(team.annotator, articleId, "body");
    const before = await annotationCount();
    const requestId = crypto.randomUUID();
    const ack = await send(body, createCommand({ label: "fact", ...span("airstrikes") }, requestId));
    expect(ack).toMatchObject({ requestId, ok: false, error: { code: "wrong_document" } });
    expect(await annotationCount()).toBe(before);
  });

  it("refuses a signed-out session and a removed member on a connection still open", async () => {
    const signedOut = await createUser();
    await db.membership.create({ data: { teamId: team.id, userId: signedOut.id, role: "ANNOTATOR" } });
    const removed = await createUser();
    await db.membership.create({ data: { teamId: team.id, userId: removed.id, role: "ANNOTATOR" } });
    const first = await connect(signedOut);
    const second = await connect(removed);
    await revokeSession(signedOut.actor.sessionId);
    await db.membership.delete({ where: { teamId_userId: { teamId: team.id, userId: removed.id } } });
    const before = await annotationCount();
    const input = { label: "fact", ...span("airstrikes") };
    expect(await send(first, createCommand(input))).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
    expect(await send(second, createCommand(input))).toMatchObject({
      ok: false,
      error: { code: "not_found", message: await actionRefusal(removed, articleId, input) },
    });
    expect(await annotationCount()).toBe(before);
  });

  it("drops a client's broadcast stateless message instead of relaying it to everyone", async () => {
    const sender = await connect(team.annotator);
    const receiver = await connect(team.viewer);
    const forged = JSON.stringify({ type: "ack", requestId: crypto.randomUUID(), ok: false, error: {} });
    const seen: string[] = [];
    receiver.provider.on("stateless", ({ payload }: { payload: string }) => seen.push(payload));
    // What a provider's broadcast would send (BroadcastStateless, type 6), written by hand.
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, `article.${articleId}.annotations`);
    encoding.writeVarUint(encoder, 6);
    encoding.writeVarString(encoder, forged);
    sender.socket.send(encoding.toUint8Array(encoder));
    await settleFor(300);
    expect(seen).not.toContain(forged);
    expect(receiver.closedWith()).toBeNull();
    expect(receiver.doc.getMap(ANNOTATIONS_MAP).size).toBeGreaterThan(0);
  });
});
