// How a created annotation reaches the live state (lib/annotations/live-state.ts, live-body.ts):
// applied in place to the annotation document this process holds, never before the commit,
// nothing when the write fails, and no document loaded just to publish into it.
import type { Extension } from "@hocuspocus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { yPlainText } from "../../lib/anchors/anchor.ts";
import { ANNOTATIONS_MAP, toLiveAnnotation } from "../../lib/annotations/live-entry.ts";
import { db } from "../../lib/db.ts";
import { postAnnotation } from "../support/annotation-requests.ts";
import { sessionCookie } from "../support/api.ts";
import {
  connectSynced,
  eventually,
  liveAnnotation,
  settleFor,
  type TestClient,
} from "../support/collab-client.ts";
import {
  type CollabTestServer,
  startLiveCollabServer,
  stopLiveCollabServer,
} from "../support/collab-server.ts";
import { spanOf } from "../support/demo-text.ts";
import {
  createApiToken,
  createTeamWithMembers,
  insertTextArticle,
  type TestTeam,
} from "../support/factories.ts";

let team: TestTeam;
let token: string;
let server: CollabTestServer;
const clients: TestClient[] = [];
const cookies: Record<string, string> = {};
// Which hooks ran for which document (a real extension watching the real server).
const hookCalls: { hook: "load" | "store"; documentName: string }[] = [];

const watchHooks: Extension = {
  extensionName: "test-hook-watch",
  async onLoadDocument({ documentName }) {
    hookCalls.push({ hook: "load", documentName });
  },
  async onStoreDocument({ documentName }) {
    hookCalls.push({ hook: "store", documentName });
  },
};

function callsFor(hook: "load" | "store", documentName: string): number {
  return hookCalls.filter((call) => call.hook === hook && call.documentName === documentName).length;
}

async function newArticle(title: string): Promise<string> {
  return (await insertTextArticle({ teamId: team.id, importedById: team.admin.id, title })).id;
}

async function connect(who: "viewer" | "annotator" | "moderator", name: string): Promise<TestClient> {
  return connectSynced(clients, server.url, name, cookies[who]);
}

function create(articleId: string, input: unknown) {
  return postAnnotation({ bearer: token }, articleId, input);
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  token = (
    await createApiToken({ teamId: team.id, createdById: team.annotator.id, scopes: ["READ", "ANNOTATE"] })
  ).secret;
  for (const who of ["viewer", "annotator", "moderator"] as const)
    cookies[who] = await sessionCookie(team[who]);
  server = await startLiveCollabServer({
    extensions: [watchHooks],
    // Corrections are stored only when something forces it (the create below, or shutdown).
    debounce: 60_000,
    maxDebounce: 120_000,
  });
});

afterAll(async () => {
  await stopLiveCollabServer(server, clients);
});

describe("publishing a created annotation", () => {
  it("applies it in place to the loaded annotation document: every provider has it, no store or load hook runs", async () => {
    const articleId = await newArticle("In place");
    const annotationsDoc = `article.${articleId}.annotations`;
    const bodyDoc = `article.${articleId}`;
    const viewer = await connect("viewer", annotationsDoc);
    const annotator = await connect("annotator", annotationsDoc);
    await connect("viewer", bodyDoc);
    const before = hookCalls.length;

    const { status, body: created } = await create(articleId, {
      label: "fact",
      ...spanOf("34,573 airstrikes"),
    });
    expect(status).toBe(201);
    await eventually(
      () => [viewer, annotator].every((client) => client.doc.getMap(ANNOTATIONS_MAP).has(created.id)),
      "both providers hold the annotation",
    );
    expect(liveAnnotation(viewer.doc, created.id)).toEqual(toLiveAnnotation(created));
    // No direct connection was opened: it would have run the store hooks of both documents.
    const ours = hookCalls
      .slice(before)
      .filter((call) => [annotationsDoc, bodyDoc].includes(call.documentName));
    expect(ours).toEqual([]);
    expect(callsFor("load", annotationsDoc)).toBe(1);
  });

  it("loads nothing for a document nobody holds; the next load rebuilds it with the annotation", async () => {
    const articleId = await newArticle("Nobody watching");
    const annotationsDoc = `article.${articleId}.annotations`;
    const { status, body: created } = await create(articleId, {
      label: "opinion",
      ...spanOf("corrupt government"),
    });
    expect(status).toBe(201);
    expect(callsFor("load", annotationsDoc)).toBe(0);
    expect(server.hocuspocus.documents.has(annotationsDoc)).toBe(false);
    const late = await connect("viewer", annotationsDoc);
    expect(liveAnnotation(late.doc, created.id)).toMatchObject({
      id: created.id,
      label: "opinion",
    });
  });

  it("stores pending corrections of the live body first, so its offsets count in the stored text", async () => {
    const articleId = await newArticle("Corrected");
    const bodyDoc = `article.${articleId}`;
    const editor = await connect("moderator", bodyDoc);
    const paragraph = editor.doc.getXmlFragment("default").get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, "CORRECTED: ");
    await eventually(
      () =>
        yPlainText(server.hocuspocus.documents.get(bodyDoc)!.getXmlFragment("default")).startsWith(
          "CORRECTED: ",
        ),
      "the server holds the correction",
    );
    const stored = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
    expect(stored.text.startsWith("CORRECTED: ")).toBe(false);

    const live = yPlainText(editor.doc.getXmlFragment("default"));
    const { status, body: created } = await create(articleId, {
      label: "fact",
      ...spanOf("34,573 airstrikes", live),
    });
    expect(status).toBe(201);
    const after = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
    expect(after.text.startsWith("CORRECTED: ")).toBe(true);
    expect(after.text.slice(created.start, created.end)).toBe("34,573 airstrikes");
  });
});

describe("publish only after commit", () => {
  it.each([
    ["the annotation insert", "Annotation"],
    ["the audit event insert", "AuditEvent"],
  ])("publishes nothing and keeps no row when %s fails", async (_what, table) => {
    const articleId = await newArticle(`Failing ${table}`);
    const annotationsDoc = `article.${articleId}.annotations`;
    const watcher = await connect("viewer", annotationsDoc);
    const rowsBefore = await db.annotation.count({ where: { articleId } });
    const auditBefore = await db.auditEvent.count({ where: { action: "annotation.create" } });
    // A real failure inside PostgreSQL, in this file's own database.
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_insert BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_refuse_insert()`,
    );
    try {
      const refused = await create(articleId, { label: "fact", ...spanOf("34,573 airstrikes") });
      expect(refused.status).toBe(500);
      expect(refused.body.error.code).toBe("internal");
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_refuse_insert ON "${table}"`);
    }
    await settleFor(300);
    expect(watcher.doc.getMap(ANNOTATIONS_MAP).size).toBe(0);
    expect(server.hocuspocus.documents.get(annotationsDoc)!.getMap(ANNOTATIONS_MAP).size).toBe(0);
    // One statement: neither row exists, whichever insert failed.
    expect(await db.annotation.count({ where: { articleId } })).toBe(rowsBefore);
    expect(await db.auditEvent.count({ where: { action: "annotation.create" } })).toBe(auditBefore);

    // The same request succeeds once the database accepts it, and then it is published.
    const ok = await create(articleId, { label: "fact", ...spanOf("34,573 airstrikes") });
    expect(ok.status).toBe(201);
    await eventually(() => watcher.doc.getMap(ANNOTATIONS_MAP).has(ok.body.id), "published after the commit");
  });
});
