import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { listArticleHistory } from "../../lib/articles/list-article-history.ts";
import { listArticles } from "../../lib/articles/list-articles.ts";
import { createBodyPersistenceExtension } from "../../lib/collab/body-persistence.ts";
import { db } from "../../lib/db.ts";
import { connectTestClient, eventually, type TestClient } from "../support/collab-client.ts";
import {
  bodyText,
  createTestMember,
  createTestTeam,
  createTextArticle,
  type TestMember,
} from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

let team: { id: string; slug: string };
let moderator: TestMember;
let admin: TestMember;
let viewer: TestMember;
let articleId: string;
const open: TestClient[] = [];
let server: CollabTestServer | undefined;

const ORIGINAL = "First paragraph about the coalition.\n\nSecond paragraph.";

function start() {
  return startCollabTestServer({
    extensions: [createBodyPersistenceExtension()],
    debounce: 50,
    maxDebounce: 200,
  });
}

async function client(member: TestMember): Promise<TestClient> {
  const c = connectTestClient(server!.url, `article.${articleId}`, member.cookie);
  open.push(c);
  const outcome = await c.outcome;
  expect(outcome.authenticated).toBe(true);
  await c.synced();
  return c;
}

// What Tiptap does when someone types at the start of the first paragraph.
function typeAtStart(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment("default").get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
}

async function storedText(): Promise<string> {
  return (await db.article.findUniqueOrThrow({ where: { id: articleId } })).text;
}

beforeAll(async () => {
  team = await createTestTeam();
  moderator = await createTestMember(team.id, "MODERATOR");
  admin = await createTestMember(team.id, "ADMIN");
  viewer = await createTestMember(team.id, "VIEWER");
  articleId = await createTextArticle(team.id, admin.userId, ORIGINAL);
});

afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  await server?.close();
  server = undefined;
});

describe("article bodies over /collab", () => {
  it("serves the stored body, stores corrections with snapshots, search vector and audit events", async () => {
    server = await start();
    const mod = await client(moderator);
    const adm = await client(admin);
    expect(bodyText(mod.doc)).toBe(ORIGINAL);

    typeAtStart(mod.doc, "Corrected: ");
    await eventually(
      () => bodyText(adm.doc).startsWith("Corrected: "),
      "the admin sees the moderator's correction",
    );
    await expect.poll(storedText, { timeout: 5000 }).toBe(`Corrected: ${ORIGINAL}`);

    const row = await db.article.findUniqueOrThrow({ where: { id: articleId } });
    expect(row.bodyVersion).toBeGreaterThan(1);
    expect(JSON.stringify(row.contentJson)).toContain("Corrected: First paragraph");
    const events = await db.auditEvent.findMany({
      where: { entityId: articleId, action: "article.correct" },
    });
    expect(events.map((event) => event.actorId)).toEqual([moderator.userId]);
    expect(events[0]!.after).toMatchObject({ at: 0, text: "Corrected: " });

    const actor = {
      kind: "user" as const,
      userId: admin.userId,
      name: "a",
      email: "a@x",
      sessionId: admin.sessionId,
    };
    const found = await listArticles({ actor, teamSlug: team.slug, query: { q: "corrected" } });
    expect(found.items.map((item) => item.id)).toEqual([articleId]);

    const history = await listArticleHistory({ actor, articleId });
    expect(history.map((entry) => entry.action)).toEqual(["article.correct"]);
    expect(history[0]).toMatchObject({
      actor: { id: moderator.userId },
      removed: "",
      inserted: "Corrected: ",
    });
  });

  it("ignores a viewer's forged edit: not stored, not relayed", async () => {
    server = await start();
    const before = await storedText();
    const view = await client(viewer);
    const mod = await client(moderator);
    typeAtStart(view.doc, "FORGED ");
    // Give the server several debounce windows to (wrongly) store it.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(bodyText(mod.doc)).toBe(before);
    expect(await storedText()).toBe(before);
    const forged = await db.auditEvent.findMany({ where: { entityId: articleId, actorId: viewer.userId } });
    expect(forged).toEqual([]);
  });

  it("keeps stored corrections across a server restart", async () => {
    server = await start();
    const mod = await client(moderator);
    typeAtStart(mod.doc, "Again ");
    await expect.poll(storedText, { timeout: 5000 }).toMatch(/^Again Corrected: /);
    for (const c of open.splice(0)) c.destroy();
    await server.close();
    server = await start();
    const fresh = await client(admin);
    expect(bodyText(fresh.doc)).toBe(await storedText());
    expect(bodyText(fresh.doc)).toMatch(/^Again Corrected: First paragraph/);
  });

  it("refuses the connection when the article is gone instead of serving an empty body", async () => {
    server = await start();
    await db.article.update({ where: { id: articleId }, data: { deletedAt: new Date() } });
    const c = connectTestClient(server.url, `article.${articleId}`, admin.cookie);
    open.push(c);
    expect((await c.outcome).authenticated).toBe(false);
    await db.article.update({ where: { id: articleId }, data: { deletedAt: null } });
  });
});
