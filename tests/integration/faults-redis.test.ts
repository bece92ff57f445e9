// Issue 9, item 2: scale-out mode (REDIS_URL, @hocuspocus/extension-redis) with Redis
// unreachable for a while. Two collaboration servers in child processes (plain Node, so an
// unhandled rejection would kill them, as it would any process without Next's handlers) share
// live documents through Redis; Redis is cut while people on both instances keep correcting.
// - no crash: both processes keep serving their own clients, and a document can still be opened;
// - nothing is lost: each instance keeps storing bodies in PostgreSQL during the outage (without
//   the Redis lock), and a store merges what the other instance stored;
// - convergence: once Redis is back, the instances re-sync their documents by themselves and the
//   clients on both end up with the same text, every edit once; live relay works again.
//
// How Redis is cut: a TCP proxy (tests/support/tcp-proxy.ts) between the instances and the real
// Redis; cut() resets every connection and refuses new ones, as a stopped Redis would, without
// touching the machine's Redis (other tests and processes use it). Needs a Redis: runs when
// REDIS_URL is set (CI sets it when 127.0.0.1:6379 answers), like collab-redis.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { bodyDocumentName } from "../../lib/collab/document-name.ts";
import { db } from "../../lib/db.ts";
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
import { startTcpProxy, type TcpProxy, throughProxy } from "../support/tcp-proxy.ts";

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) console.warn("faults-redis.test.ts skipped: REDIS_URL is not set (no Redis to cut)");

const ORIGINAL = "First paragraph about the coalition.\n\nSecond paragraph on civilian casualties.";
// Each child process compiles TypeScript at start: slow on a busy machine.
const TEST_TIMEOUT_MS = 240_000;
// How long Redis stays away: several reconnection attempts and several store rounds.
const OUTAGE_MS = 6000;

function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  return (doc.getXmlFragment("default").get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function alive(child: CollabChild): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

describe.runIf(redisUrl)("Redis unreachable in scale-out mode", () => {
  let proxy: TcpProxy;
  const children: CollabChild[] = [];
  const clients: ReconnectingClient[] = [];
  let team: { id: string };
  let moderator: TestMember;
  let admin: TestMember;
  let viewer: TestMember;

  beforeAll(async () => {
    const target = new URL(redisUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    team = await createTestTeam();
    moderator = await createTestMember(team.id, "MODERATOR");
    admin = await createTestMember(team.id, "ADMIN");
    viewer = await createTestMember(team.id, "VIEWER");
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const child of children) await child.kill();
    await proxy?.close();
  });

  it(
    "keeps serving and storing on both instances, and converges once Redis is back",
    async () => {
      const prefix = `proofmark-fault-${randomUUID()}`;
      const redis = { url: throughProxy(redisUrl!, proxy), prefix };
      for (let i = 0; i < 2; i++) {
        children.push(await startCollabChild({ databaseUrl: process.env.DATABASE_URL!, redis }));
      }
      const [first, second] = children as [CollabChild, CollabChild];
      const articleId = await createTextArticle(team.id, moderator.userId, ORIGINAL);
      const name = bodyDocumentName(articleId);
      const onFirst = connectReconnectingClient(first.url, name, moderator.cookie);
      const onSecond = connectReconnectingClient(second.url, name, admin.cookie);
      clients.push(onFirst, onSecond);
      await waitUntil(() => onFirst.provider.isSynced && onSecond.provider.isSynced, "both clients sync");

      // Redis works: an edit on the first instance reaches the client on the second.
      paragraphText(onFirst.doc, 0).insert(0, "Before. ");
      await waitUntil(() => bodyText(onSecond.doc).startsWith("Before. "), "the edit crosses instances");

      await proxy.cut();
      paragraphText(onFirst.doc, 0).insert(0, "From A. ");
      const second0 = paragraphText(onSecond.doc, 1);
      second0.insert(second0.length, " From B.");
      // Each instance stores its own edits in PostgreSQL meanwhile, without losing the other's.
      await waitUntil(
        async () => {
          const { text } = await db.article.findUniqueOrThrow({ where: { id: articleId } });
          return text.includes("From A. ") && text.includes(" From B.");
        },
        "both instances' outage edits are stored",
        30_000,
      );
      // Someone opens the article on the second instance during the outage: it is served.
      const late = connectReconnectingClient(second.url, name, viewer.cookie);
      clients.push(late);
      await waitUntil(() => late.provider.isSynced, "a document opens during the outage");
      expect(bodyText(late.doc)).toContain(" From B.");
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      expect(alive(first) && alive(second)).toBe(true);

      await proxy.restore();
      // No new edit is needed: the instances re-sync when Redis is back.
      await waitUntil(
        () =>
          bodyText(onFirst.doc) === bodyText(onSecond.doc) &&
          bodyText(late.doc) === bodyText(onFirst.doc) &&
          bodyText(onFirst.doc).includes(" From B."),
        `the clients converge (first: ${JSON.stringify(bodyText(onFirst.doc))}, second: ${JSON.stringify(bodyText(onSecond.doc))})`,
        60_000,
      );
      const converged = bodyText(onFirst.doc);
      expect(converged).toBe(
        `From A. Before. First paragraph about the coalition.\n\nSecond paragraph on civilian casualties. From B.`,
      );
      for (const needle of ["From A. ", "Before. ", " From B.", "First paragraph"]) {
        expect(occurrences(converged, needle)).toBe(1);
      }

      // Live relay works again in both directions.
      paragraphText(onSecond.doc, 0).insert(0, "After. ");
      await waitUntil(
        () => bodyText(onFirst.doc).startsWith("After. "),
        "relay from the second to the first",
      );
      paragraphText(onFirst.doc, 1).insert(0, "Again. ");
      await waitUntil(
        () => bodyText(onSecond.doc).includes("Again. Second"),
        "relay from the first to the second",
      );
      await waitUntil(
        async () =>
          (await db.article.findUniqueOrThrow({ where: { id: articleId } })).text === bodyText(onFirst.doc),
        "the converged text is stored",
      );

      expect(alive(first) && alive(second)).toBe(true);
      for (const child of children)
        expect(child.output()).not.toMatch(/Unhandled|unhandledRejection|ERR_UNHANDLED/);
    },
    TEST_TIMEOUT_MS,
  );
});
