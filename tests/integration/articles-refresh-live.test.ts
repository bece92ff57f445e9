// A source update while the article is open: the change goes through the live document the
// collaboration server holds (lib/articles/refresh-article-source.ts), so a reader connected over
// a real websocket sees the new sentence without reloading, the stored text follows, and a
// highlight elsewhere keeps its place while the one on the changed sentence is orphaned.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { yPlainText } from "../../lib/anchors/anchor.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { refreshArticleSource } from "../../lib/articles/refresh-article-source.ts";
import { createAnnotationStateExtension } from "../../lib/collab/annotation-state.ts";
import { createBodyPersistenceExtension } from "../../lib/collab/body-persistence.ts";
import { bodyDocumentName } from "../../lib/collab/document-name.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { db } from "../../lib/db.ts";
import { sessionCookie } from "../support/api.ts";
import { connectTestClient, eventually, type TestClient } from "../support/collab-client.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.ts";

const BEFORE = [
  "The port authority said on Tuesday that 3,200 containers passed through the harbour in May.",
  "Dock workers have been on a work-to-rule since April over the new shift rota.",
  "Shipping lines have moved two weekly services to Antwerp while the dispute lasts, the authority said.",
  "The harbour master expects traffic to return to last year's level by the end of the summer.",
];
const AFTER = [
  BEFORE[0]!,
  "Dock workers ended their work-to-rule on Friday after agreeing a new shift rota.",
  BEFORE[2]!,
  BEFORE[3]!,
];

let current = BEFORE;
let team: TestTeam;
let fixtures: FixtureServer;
let collab: CollabTestServer;
let reader: TestClient | undefined;
const previousAllow = process.env.FETCH_ALLOW_HOSTS;

beforeAll(async () => {
  fixtures = await startFixtureServer({
    "/harbour": (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(
          `<!doctype html><html lang="en"><head><title>Harbour figures</title></head><body><article><h1>Harbour figures</h1>${current.map((p) => `<p>${p}</p>`).join("")}</article></body></html>`,
        );
    },
  });
  process.env.FETCH_ALLOW_HOSTS = fixtures.hostPort;
  team = await createTeamWithMembers();
  collab = await startCollabTestServer({
    extensions: [createBodyPersistenceExtension(), createAnnotationStateExtension()],
  });
  registerCollabInstance(collab.hocuspocus);
});

afterAll(async () => {
  reader?.destroy();
  registerCollabInstance(undefined);
  await collab?.close();
  await fixtures?.close();
  if (previousAllow === undefined) delete process.env.FETCH_ALLOW_HOSTS;
  else process.env.FETCH_ALLOW_HOSTS = previousAllow;
});

describe("a source update while the article is open", () => {
  it("reaches a connected reader live, is stored, and orphans only the highlight on the changed sentence", async () => {
    const article = await createArticle({
      actor: team.annotator.actor,
      teamSlug: team.slug,
      input: { format: "url", url: `${fixtures.origin}/harbour` },
    });
    const text = (await db.article.findUniqueOrThrow({ where: { id: article.id } })).text;
    const span = (quote: string) => {
      const start = text.indexOf(quote);
      expect(start, quote).toBeGreaterThanOrEqual(0);
      return { start, end: start + quote.length };
    };
    const kept = await createAnnotation({
      actor: team.annotator.actor,
      articleId: article.id,
      input: { label: "fact", ...span("3,200 containers") },
    });
    const changed = await createAnnotation({
      actor: team.annotator.actor,
      articleId: article.id,
      input: { label: "fact", ...span("on a work-to-rule since April") },
    });

    reader = connectTestClient(collab.url, bodyDocumentName(article.id), await sessionCookie(team.viewer));
    expect((await reader.outcome).authenticated).toBe(true);
    await reader.synced();
    expect(collab.hocuspocus.documents.has(bodyDocumentName(article.id))).toBe(true);
    expect(yPlainText(reader.doc.getXmlFragment("default"))).toContain("since April");

    current = AFTER;
    const result = await refreshArticleSource({ actor: team.annotator.actor, articleId: article.id });
    expect(result.changed).toBe(true);
    expect(result.orphaned.map((o) => o.id)).toEqual([changed.id]);

    // The reader's copy changes over the websocket, without a reload.
    await eventually(
      () => yPlainText(reader!.doc.getXmlFragment("default")).includes("ended their work-to-rule on Friday"),
      "the reader sees the new sentence",
      5000,
    );
    expect(yPlainText(reader.doc.getXmlFragment("default"))).not.toContain("since April");
    // Stored as well, and the other highlight still covers its exact words.
    const stored = await db.article.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.text).toContain(AFTER[1]);
    const rows = await db.annotation.findMany({ where: { articleId: article.id } });
    const keptRow = rows.find((row) => row.id === kept.id)!;
    expect(keptRow).toMatchObject({ orphaned: false });
    expect(stored.text.slice(keptRow.start, keptRow.end)).toBe("3,200 containers");
    expect(rows.find((row) => row.id === changed.id)).toMatchObject({
      orphaned: true,
      orphanReason: "source_changed",
    });
  });
});
