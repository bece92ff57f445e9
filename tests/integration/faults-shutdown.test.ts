// Issue 9, item 2: the collaboration server dies while people annotate and correct.
// - SIGKILL: every acknowledged annotation (its request resolved = committed to PostgreSQL) is in
//   the live annotation state after the restart; the body keeps every edit older than the
//   persistence debounce window; the clients reconnect by themselves (backoff with jitter) and
//   converge with a fresh client, without duplicated text.
// - SIGTERM: edits still waiting for their debounce are stored before the process exits.
// The server runs in a child process (tests/support/fixtures/collab-child.ts) so it can really die.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type { AnnotationJson } from "../../lib/annotations/annotation-json.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { ANNOTATIONS_MAP } from "../../lib/annotations/live-entry.ts";
import type { UserActor } from "../../lib/auth/actor.ts";
import { annotationsDocumentName, bodyDocumentName } from "../../lib/collab/document-name.ts";
import { db } from "../../lib/db.ts";
import { AppError } from "../../lib/errors.ts";
import {
  bodyText,
  createTestMember,
  createTestTeam,
  createTextArticle,
  type TestMember,
} from "../support/collab-fixtures.ts";
import {
  type CollabChild,
  connectReconnectingClient,
  type ReconnectingClient,
  startCollabChild,
  waitUntil,
} from "../support/fault-helpers.ts";

const ORIGINAL = "First paragraph about the coalition.\n\nSecond paragraph on civilian casualties.";
// Generous: each start of the child process compiles TypeScript, slow on a busy machine.
const TEST_TIMEOUT_MS = 240_000;

let team: { id: string; slug: string };
let moderator: TestMember;
let annotators: TestMember[];
let viewer: TestMember;
const children: CollabChild[] = [];
const clients: ReconnectingClient[] = [];

function actorOf(member: TestMember): UserActor {
  return {
    kind: "user",
    userId: member.userId,
    name: "t",
    email: "t@example.test",
    sessionId: member.sessionId,
  };
}

function newArticle(): Promise<string> {
  return createTextArticle(team.id, moderator.userId, ORIGINAL);
}

async function start(port?: number, debounce?: { debounceMs: number; maxDebounceMs: number }) {
  const child = await startCollabChild({
    databaseUrl: process.env.DATABASE_URL!,
    port,
    ...(debounce ?? { debounceMs: 200, maxDebounceMs: 1000 }),
  });
  children.push(child);
  return child;
}

function connect(url: string, name: string, member: TestMember): ReconnectingClient {
  const client = connectReconnectingClient(url, name, member.cookie);
  clients.push(client);
  return client;
}

async function synced(client: ReconnectingClient, what: string): Promise<void> {
  await waitUntil(() => client.provider.isSynced, `${what} syncs`);
}

// What Tiptap does when someone types at the start of the first paragraph.
function typeAtStart(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment("default").get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, text);
}

async function storedText(articleId: string): Promise<string> {
  return (await db.article.findUniqueOrThrow({ where: { id: articleId } })).text;
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Tags `quote` as it stands in the stored text; retries when a stored correction moved it meanwhile. */
async function annotate(member: TestMember, articleId: string, quote: string): Promise<AnnotationJson> {
  for (let attempt = 0; ; attempt++) {
    const text = await storedText(articleId);
    const start = text.indexOf(quote);
    try {
      return await createAnnotation({
        actor: actorOf(member),
        articleId,
        input: { label: "fact", start, end: start + quote.length, quote },
      });
    } catch (error) {
      if (attempt < 5 && error instanceof AppError && error.code === "conflict") continue;
      throw error;
    }
  }
}

function annotationIds(client: ReconnectingClient): string[] {
  return [...client.doc.getMap(ANNOTATIONS_MAP).keys()].sort();
}

beforeAll(async () => {
  team = await createTestTeam();
  moderator = await createTestMember(team.id, "MODERATOR");
  annotators = [await createTestMember(team.id, "ANNOTATOR"), await createTestMember(team.id, "ANNOTATOR")];
  viewer = await createTestMember(team.id, "VIEWER");
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of children.splice(0)) await child.kill();
});

describe("collaboration server faults", () => {
  it(
    "SIGKILL while annotating and correcting: acknowledged annotations survive, old edits are kept, clients reconnect and converge",
    async () => {
      const articleId = await newArticle();
      const bodyName = bodyDocumentName(articleId);
      const annotationsName = annotationsDocumentName(articleId);
      const first = await start();

      const editor = connect(first.url, bodyName, moderator);
      const reader = connect(first.url, bodyName, annotators[0]!);
      const liveAnnotations = connect(first.url, annotationsName, annotators[1]!);
      await synced(editor, "the moderator's body");
      await synced(reader, "the annotator's body");
      await synced(liveAnnotations, "the annotation state");
      expect(bodyText(editor.doc)).toBe(ORIGINAL);

      // An edit older than the debounce window: stored before the crash.
      typeAtStart(editor.doc, "Early. ");
      await waitUntil(() => bodyText(reader.doc).startsWith("Early. "), "the edit reaches the other client");
      await waitUntil(
        async () => (await storedText(articleId)).startsWith("Early. "),
        "the early edit is stored",
      );

      // Annotators tag while the moderator keeps correcting; then the server is killed at once.
      const quotes = ["Second paragraph", "civilian casualties", "coalition", "paragraph on civilian"];
      const requests = quotes.map((quote, i) => annotate(annotators[i % 2]!, articleId, quote));
      typeAtStart(editor.doc, "Late. ");
      const settled = await Promise.allSettled(requests);
      const acknowledged = settled.flatMap((result) =>
        result.status === "fulfilled" ? [result.value.id] : [],
      );
      expect(acknowledged.length).toBeGreaterThan(0);
      typeAtStart(editor.doc, "Later. ");
      await first.kill();
      expect(first.process.signalCode).toBe("SIGKILL");

      // What PostgreSQL holds: at least every edit older than the window.
      const afterCrash = await storedText(articleId);
      expect([`Early. ${ORIGINAL}`, `Late. Early. ${ORIGINAL}`, `Later. Late. Early. ${ORIGINAL}`]).toContain(
        afterCrash,
      );

      // Restart on the same port: the clients find it again by themselves.
      const second = await start(first.port);
      await waitUntil(
        () => editor.authentications() >= 2 && editor.provider.isSynced,
        "the moderator's client reconnects",
        30_000,
      );
      await waitUntil(
        () => reader.authentications() >= 2 && liveAnnotations.authentications() >= 2,
        "the other clients reconnect",
        30_000,
      );
      expect(editor.disconnections()).toBeGreaterThanOrEqual(1);

      // Every acknowledged annotation is in the live state rebuilt from PostgreSQL.
      const freshAnnotations = connect(second.url, annotationsName, viewer);
      await synced(freshAnnotations, "a fresh client's annotation state");
      const ids = annotationIds(freshAnnotations);
      for (const id of acknowledged) expect(ids).toContain(id);
      await waitUntil(
        () => annotationIds(liveAnnotations).join() === annotationIds(freshAnnotations).join(),
        "the reconnected annotation state matches a fresh one",
      );

      // The body converges: the moderator's client re-sends what the crash lost, once.
      const fresh = connect(second.url, bodyName, viewer);
      await synced(fresh, "a fresh client's body");
      const expected = `Later. Late. Early. ${ORIGINAL}`;
      await waitUntil(
        () =>
          bodyText(fresh.doc) === expected &&
          bodyText(editor.doc) === expected &&
          bodyText(reader.doc) === expected,
        `every client converges on the moderator's text (fresh: ${JSON.stringify(bodyText(fresh.doc))})`,
      );
      for (const client of [fresh, editor, reader]) {
        const text = bodyText(client.doc);
        expect(occurrences(text, "Early. ")).toBe(1);
        expect(occurrences(text, "Late. ")).toBe(1);
        expect(occurrences(text, "First paragraph about the coalition.")).toBe(1);
      }
      // …and the recovered edits are stored again.
      await waitUntil(async () => (await storedText(articleId)) === expected, "the recovered text is stored");
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "SIGTERM stores edits still inside the debounce window before exiting",
    async () => {
      const articleId = await newArticle();
      const bodyName = bodyDocumentName(articleId);
      // A debounce far longer than the test: only the shutdown can store the edit.
      const child = await start(undefined, { debounceMs: 60_000, maxDebounceMs: 120_000 });
      const editor = connect(child.url, bodyName, moderator);
      const observer = connect(child.url, bodyName, viewer);
      await synced(editor, "the moderator's body");
      await synced(observer, "the viewer's body");

      typeAtStart(editor.doc, "Flushed. ");
      // Once another client sees it, the server has applied it.
      await waitUntil(() => bodyText(observer.doc).startsWith("Flushed. "), "the edit reaches the server");
      expect(await storedText(articleId)).toBe(ORIGINAL);

      const exit = await child.terminate();
      expect(exit).toEqual({ code: 0, signal: null });
      expect(child.output()).toContain("STOPPED");
      expect(await storedText(articleId)).toBe(`Flushed. ${ORIGINAL}`);
    },
    TEST_TIMEOUT_MS,
  );
});
