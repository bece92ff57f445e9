// Over 400 lines: the export formats, filters, permissions and the import round trip share one seeded team.
import Ajv, { type ValidateFunction } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { GET as articleExportRoute } from "../../app/api/v1/articles/[id]/export/route.ts";
import { GET as schemaRoute } from "../../app/api/v1/schema/export.json/route.ts";
import { GET as teamExportRoute } from "../../app/api/v1/teams/[team]/export/route.ts";
import { POST as importRoute } from "../../app/api/v1/teams/[team]/import/route.ts";
import { resolveAnchor } from "../../lib/anchors/anchor.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { BODY_FIELD } from "../../lib/articles/body-document.ts";
import { createArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { exportTeam } from "../../lib/export/export-team.ts";
import type { ArticleExport } from "../../lib/export/export-types.ts";
import { addJsonSchemaFormats } from "../../lib/export/json-schema-formats.ts";
import {
  AssertionRunner,
  failedAnnotationMusts,
  failedCollectionChecks,
  suiteAjv,
} from "../conformance/w3c-assertions.ts";
import { callJson, callRoute, type RouteHandler, sessionCookie, type TestAuth } from "../support/api.ts";
import { DEMO_TEXT, DEMO_TITLE } from "../support/demo-text.ts";
import { addMember, createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";

const EMOJI_TEXT =
  "Ministers 👩🏽‍💼 said 🇺🇦 aid rose by 12%.\n\nقال الوزير إن المساعدات زادت — and café\u0301 owners cheered.\nA second line 😀 with 34,573 strikes.";

let team: TestTeam;
let other: TestTeam;
let demoId: string;
let emojiId: string;
let htmlId: string;
let validateSchema: ValidateFunction;
const ids: Record<string, string> = {};

async function tag(
  articleId: string,
  quote: string,
  label: "fact" | "opinion" | "advocacy",
  note?: string,
): Promise<string> {
  const { text } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
  const start = text.indexOf(quote);
  expect(start, quote).toBeGreaterThanOrEqual(0);
  const created = await createAnnotation({
    actor: team.annotator.actor,
    articleId,
    input: { label, start, end: start + quote.length, note },
  });
  return created.id;
}

function cookie(user: TestTeam["admin"]): Promise<TestAuth> {
  return sessionCookie(user).then((value) => ({ cookie: value }));
}

function exportArticle(articleId: string, auth: TestAuth, query = "format=json") {
  return callRoute(articleExportRoute as RouteHandler, `/api/v1/articles/${articleId}/export?${query}`, {
    auth,
    params: { id: articleId },
  });
}

function exportTeamRoute(slug: string, auth: TestAuth, query = "format=json") {
  return callRoute(teamExportRoute as RouteHandler, `/api/v1/teams/${slug}/export?${query}`, {
    auth,
    params: { team: slug },
  });
}

function expectValidExport(value: unknown): asserts value is ArticleExport {
  const valid = validateSchema(value);
  expect(validateSchema.errors ?? [], "schema errors").toEqual([]);
  expect(valid).toBe(true);
  const item = value as ArticleExport;
  for (const annotation of item.annotations) {
    if (!annotation.orphaned)
      expect(item.article.text.slice(annotation.start, annotation.end)).toBe(annotation.quote);
  }
}

function statuses(item: ArticleExport): string[] {
  return [...new Set(item.annotations.map((a) => a.status))].sort();
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  // The schema as served, compiled with ajv: every export below is validated against it.
  const served = await callJson(schemaRoute as unknown as RouteHandler, "/api/v1/schema/export.json");
  expect(served.status).toBe(200);
  validateSchema = addJsonSchemaFormats(new Ajv({ strict: true, allErrors: true })).compile(served.body);

  const admin = team.admin.actor;
  demoId = (
    await createArticle({
      actor: admin,
      teamSlug: team.slug,
      input: {
        title: DEMO_TITLE,
        format: "text",
        content: DEMO_TEXT,
      },
    })
  ).id;
  emojiId = (
    await createArticle({
      actor: admin,
      teamSlug: team.slug,
      input: { title: "Emoji", format: "text", content: EMOJI_TEXT },
    })
  ).id;
  htmlId = (
    await createArticle({
      actor: admin,
      teamSlug: team.slug,
      input: {
        title: "Structured",
        format: "html",
        content:
          "<h1>Budget  vote</h1><ul><li>one item</li><li>two <b>items</b><br>broken</li></ul><blockquote><p>Quoted claim</p></blockquote>",
      },
    })
  ).id;

  ids.fact = await tag(demoId, "34,573 airstrikes", "fact", "coalition figure");
  ids.opinion = await tag(demoId, "a corrupt government", "opinion");
  ids.advocacy = await tag(
    demoId,
    "They must have the 100% support of the working people of the world!",
    "advocacy",
  );
  ids.emoji = await tag(emojiId, "aid rose by 12%", "fact");
  ids.rtl = await tag(emojiId, "المساعدات زادت", "opinion");
  ids.combining = await tag(emojiId, "café\u0301 owners", "advocacy");
  ids.afterEmoji = await tag(emojiId, "34,573 strikes", "fact");
  ids.html = await tag(htmlId, "two items\nbroken", "fact");

  // Moderation and evidence are built by other parts of the app: write their rows directly.
  await db.annotation.updateMany({
    where: { id: { in: [ids.fact!, ids.emoji!, ids.afterEmoji!, ids.html!, ids.combining!] } },
    data: { status: "APPROVED" },
  });
  await db.annotation.update({ where: { id: ids.opinion! }, data: { status: "REJECTED" } });
  await db.review.create({
    data: {
      annotationId: ids.opinion!,
      moderatorId: team.moderator.id,
      decision: "REJECT",
      reason: "not a claim",
    },
  });
  await db.review.create({
    data: { annotationId: ids.fact!, moderatorId: team.moderator.id, decision: "APPROVE" },
  });
  await db.reply.create({ data: { annotationId: ids.fact!, authorId: team.moderator.id, body: "Source?" } });
  await db.evidence.create({
    data: {
      annotationId: ids.fact!,
      relation: "CORROBORATES",
      url: "https://airwars.org/report?ids=1|2",
      title: "Airwars report",
      publisher: "Airwars",
      quote: "34,573",
      accessedAt: new Date("2026-11-01T10:00:00Z"),
      addedById: team.annotator.id,
    },
  });
  await db.evidence.create({
    data: {
      annotationId: ids.emoji!,
      relation: "CONTRADICTS",
      targetAnnotationId: ids.fact!,
      targetArticleId: demoId,
      note: "other figure",
      addedById: team.annotator.id,
    },
  });
  // approved annotation citing a pending one: only moderators and admins may see that citation
  await db.evidence.create({
    data: {
      annotationId: ids.combining!,
      relation: "CORROBORATES",
      targetAnnotationId: ids.rtl!,
      targetArticleId: emojiId,
      addedById: team.annotator.id,
    },
  });
});

describe("GET /api/v1/articles/{id}/export", () => {
  it("json with an export token: valid against the served schema, slice rule, attachment filename", async () => {
    const token = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["EXPORT", "REVIEW"],
    });
    const response = await exportArticle(demoId, { bearer: token.secret });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(
        `^attachment; filename="proofmark-${team.slug}-article-[0-9a-f]{8}-\\d{4}-\\d{2}-\\d{2}\\.json"$`,
      ),
    );
    const body = await response.json();
    expectValidExport(body);
    expect(body.schemaVersion).toBe(1);
    expect(body.annotations).toHaveLength(3);
    const fact = body.annotations.find((a) => a.id === ids.fact)!;
    expect(fact.evidence).toMatchObject([
      {
        kind: "external",
        relation: "corroborates",
        url: "https://airwars.org/report?ids=1%7C2",
        removed: false,
      },
    ]);
    expect(fact.reviews).toMatchObject([{ decision: "approve", moderator: { id: team.moderator.id } }]);
    expect(fact.replies).toMatchObject([{ body: "Source?" }]);
    expect(statuses(body)).toEqual(["approved", "pending", "rejected"]);
  });

  it("offsets in json are UTF-16 indices, also after emoji, RTL text and combining marks", async () => {
    const body = (await (await exportArticle(emojiId, await cookie(team.moderator))).json()) as ArticleExport;
    expectValidExport(body);
    expect(body.article.text).toBe(EMOJI_TEXT);
    const after = body.annotations.find((a) => a.id === ids.afterEmoji)!;
    expect(after.start).toBe(EMOJI_TEXT.indexOf("34,573 strikes"));
    const internal = body.annotations.find((a) => a.id === ids.emoji)!.evidence[0]!;
    expect(internal).toMatchObject({
      kind: "internal",
      targetAnnotationId: ids.fact,
      targetArticleId: demoId,
      removed: false,
    });
  });

  it("w3c: every annotation passes the W3C MUST assertions; TextPositionSelector counts code points", async () => {
    const response = await exportArticle(emojiId, await cookie(team.moderator), "format=w3c");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/ld+json");
    expect(response.headers.get("content-disposition")).toMatch(/\.jsonld"$/);
    const collection = await response.json();
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection["@context"]).toContain("http://www.w3.org/ns/anno.jsonld");
    // biome-ignore lint/suspicious/noExplicitAny: JSON-LD shapes are checked by the assertions below
    const items = collection.first.items as Record<string, any>[];
    expect(items).toHaveLength(4);
    expect(collection.total).toBe(4);
    const runner = new AssertionRunner();
    for (const item of items) expect(failedAnnotationMusts(runner, item)).toEqual([]);
    // the same check fails once @context is gone: the assertions do bite
    const { "@context": _gone, ...bare } = items[0]!;
    expect(failedAnnotationMusts(runner, bare)).toHaveLength(1);

    const after = items.find((item) => item.id.endsWith(`/api/v1/annotations/${ids.afterEmoji}`))!;
    const position = after.target.selector.find((s: { type: string }) => s.type === "TextPositionSelector");
    const quote = after.target.selector.find((s: { type: string }) => s.type === "TextQuoteSelector");
    const utf16 = EMOJI_TEXT.indexOf("34,573 strikes");
    expect(position.start).toBe([...EMOJI_TEXT.slice(0, utf16)].length);
    expect(position.start).toBeLessThan(utf16);
    expect([...EMOJI_TEXT].slice(position.start, position.end).join("")).toBe(quote.exact);
    expect(after.body[0]).toEqual({
      type: "TextualBody",
      purpose: "tagging",
      value: "fact",
      format: "text/plain",
    });
    const linking = items
      .find((item) => item.id.endsWith(ids.emoji!))!
      .body.find((b: { purpose: string }) => b.purpose === "linking");
    expect(linking).toMatchObject({
      type: "SpecificResource",
      source: `http://localhost/api/v1/annotations/${ids.fact}`,
      "proofmark:relation": "contradicts",
    });
  });

  it("viewers and annotators get approved annotations only; asking for pending is 403", async () => {
    for (const user of [team.viewer, team.annotator]) {
      const body = (await (await exportArticle(demoId, await cookie(user))).json()) as ArticleExport;
      expectValidExport(body);
      expect(body.annotations.map((a) => a.id)).toEqual([ids.fact]);
    }
    const citing = async (user: TestTeam["viewer"]) =>
      ((await (await exportArticle(emojiId, await cookie(user))).json()) as ArticleExport).annotations.find(
        (a) => a.id === ids.combining,
      )!.evidence;
    expect(await citing(team.viewer)).toEqual([]);
    expect(await citing(team.moderator)).toMatchObject([{ kind: "internal", targetAnnotationId: ids.rtl }]);
    const pending = await exportArticle(demoId, await cookie(team.viewer), "status=pending");
    expect(pending.status).toBe(403);
    const moderator = (await (
      await exportArticle(demoId, await cookie(team.moderator), "status=pending")
    ).json()) as ArticleExport;
    expect(moderator.annotations.map((a) => a.id)).toEqual([ids.advocacy]);
  });

  it("tokens: export scope needed (403 without), review scope and a moderator creator for all statuses, other team 404", async () => {
    const exportOnly = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["EXPORT"],
    });
    const body = (await (await exportArticle(demoId, { bearer: exportOnly.secret })).json()) as ArticleExport;
    expect(statuses(body)).toEqual(["approved"]);
    const annotatorReview = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["EXPORT", "REVIEW"],
    });
    const annotatorBody = (await (
      await exportArticle(demoId, { bearer: annotatorReview.secret })
    ).json()) as ArticleExport;
    expect(statuses(annotatorBody)).toEqual(["approved"]);
    const readOnly = await createApiToken({ teamId: team.id, createdById: team.admin.id, scopes: ["READ"] });
    expect((await exportArticle(demoId, { bearer: readOnly.secret })).status).toBe(403);
    expect((await exportTeamRoute(team.slug, { bearer: readOnly.secret })).status).toBe(403);
    const foreign = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["EXPORT", "REVIEW", "READ"],
    });
    const notFound = await exportArticle(demoId, { bearer: foreign.secret });
    expect(notFound.status).toBe(404);
    expect((await notFound.json()).error.code).toBe("not_found");
    expect((await exportTeamRoute(team.slug, { bearer: foreign.secret })).status).toBe(404);
    expect((await exportArticle(demoId, await cookie(other.admin))).status).toBe(404);
    expect((await exportArticle(demoId, null)).status).toBe(401);
    expect((await exportArticle(demoId, await cookie(team.moderator), "format=pdf")).status).toBe(400);
  });
});

describe("GET /api/v1/teams/{team}/export", () => {
  it("json streams one array of article exports, each valid", async () => {
    const response = await exportTeamRoute(team.slug, await cookie(team.moderator));
    expect(response.status).toBe(200);
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="proofmark-${team.slug}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    expect(response.headers.get("x-export-articles")).toBe("3");
    const body = (await response.json()) as ArticleExport[];
    expect(body.map((item) => item.article.id)).toEqual([demoId, emojiId, htmlId]);
    for (const item of body) expectValidExport(item);
    expect(body.reduce((n, item) => n + item.annotations.length, 0)).toBe(8);
  });

  it("ndjson: one article per line, every line parses and validates", async () => {
    const response = await exportTeamRoute(team.slug, await cookie(team.viewer), "format=ndjson");
    expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect(response.headers.get("content-disposition")).toMatch(/\.ndjson"$/);
    const text = await response.text();
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const item = JSON.parse(line) as ArticleExport;
      expectValidExport(item);
      expect(statuses(item).filter((s) => s !== "approved")).toEqual([]);
    }
  });

  it("filters: label, status, since (articles without a match are left out)", async () => {
    const auth = await cookie(team.moderator);
    const facts = (await (await exportTeamRoute(team.slug, auth, "label=fact")).json()) as ArticleExport[];
    expect(facts.flatMap((item) => item.annotations.map((a) => a.label))).toEqual([
      "fact",
      "fact",
      "fact",
      "fact",
    ]);
    const rejected = (await (await exportTeamRoute(team.slug, auth, "status=rejected&format=ndjson")).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ArticleExport);
    expect(rejected.map((item) => item.annotations.map((a) => a.id))).toEqual([[ids.opinion]]);
    const future = await exportTeamRoute(team.slug, auth, "since=2999-01-01");
    expect(await future.json()).toEqual([]);
    const past = (await (
      await exportTeamRoute(team.slug, auth, "since=2000-01-01T00:00:00Z")
    ).json()) as ArticleExport[];
    expect(past).toHaveLength(3);
    expect((await exportTeamRoute(team.slug, await cookie(team.viewer), "status=rejected")).status).toBe(403);
    expect((await exportTeamRoute(team.slug, auth, "since=yesterday")).status).toBe(400);
  });

  it("w3c: one AnnotationCollection whose items all pass the W3C MUST assertions", async () => {
    const response = await exportTeamRoute(team.slug, await cookie(team.moderator), "format=w3c");
    expect(response.headers.get("content-disposition")).toMatch(/\.jsonld"$/);
    const collection = await response.json();
    expect(collection.type).toBe("AnnotationCollection");
    expect(collection.first.type).toBe("AnnotationPage");
    const runner = new AssertionRunner();
    expect(collection.first.items).toHaveLength(8);
    for (const item of collection.first.items) expect(failedAnnotationMusts(runner, item)).toEqual([]);
    expect(failedCollectionChecks(suiteAjv(), collection)).toEqual([]);
  });

  it("pages of one article and one annotation give byte for byte the same export as the defaults", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const read = async (format: string, sizes?: { articles: number; annotations: number }) => {
      const download = await exportTeam({
        actor: team.moderator.actor,
        teamSlug: team.slug,
        query: { format },
        baseUrl: "http://localhost",
        now,
        sizes,
      });
      return new Response(download.body).text();
    };
    for (const format of ["json", "ndjson", "w3c"]) {
      const whole = await read(format);
      expect(whole.length).toBeGreaterThan(100);
      expect(await read(format, { articles: 1, annotations: 1 })).toBe(whole);
      expect(await read(format, { articles: 2, annotations: 2 })).toBe(whole);
    }
  });
});

describe("POST /api/v1/teams/{team}/import", () => {
  function normalise(items: ArticleExport[]) {
    const byId = new Map(
      items.flatMap((item) => item.annotations.map((a) => [a.id, a.importedFromId ?? a.id])),
    );
    return items.map((item) => ({
      article: { ...item.article, id: undefined, createdAt: undefined },
      annotations: item.annotations.map((a) => ({
        ...a,
        id: undefined,
        importedFromId: undefined,
        createdAt: undefined,
        updatedAt: undefined,
        evidence: a.evidence.map((e) => ({
          ...e,
          id: undefined,
          createdAt: undefined,
          targetAnnotationId: e.targetAnnotationId ? byId.get(e.targetAnnotationId) : null,
          targetArticleId: e.targetArticleId ? "article" : null,
        })),
        reviews: a.reviews.map((r) => ({ ...r, id: undefined, createdAt: undefined })),
        replies: a.replies.map((r) => ({ ...r, id: undefined, createdAt: undefined })),
      })),
    }));
  }

  it("export, import into a new team, export again: the same annotations apart from ids and timestamps", async () => {
    const source = (await (
      await exportTeamRoute(team.slug, await cookie(team.moderator))
    ).json()) as ArticleExport[];
    const target = await createTeamWithMembers();
    // the same people move with their work
    for (const user of [team.admin, team.moderator, team.annotator, team.viewer])
      await addMember(target.id, user.id, "ANNOTATOR");
    const response = await callJson(importRoute as RouteHandler, `/api/v1/teams/${target.slug}/import`, {
      method: "POST",
      auth: await cookie(target.admin),
      params: { team: target.slug },
      body: source,
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ annotations: 8, evidence: 3, dropped: [] });

    const again = (await (
      await exportTeamRoute(target.slug, await cookie(target.admin))
    ).json()) as ArticleExport[];
    for (const item of again) expectValidExport(item);
    expect(again.map((item) => item.article.text)).toEqual(source.map((item) => item.article.text));
    const oldIds = new Set(source.flatMap((item) => item.annotations.map((a) => a.id)));
    for (const item of again) {
      for (const a of item.annotations) {
        expect(oldIds.has(a.id)).toBe(false);
        expect(oldIds.has(a.importedFromId!)).toBe(true);
      }
    }
    expect(normalise(again)).toEqual(normalise(source));

    // the anchors were built on the new bodies: each resolves to its quote
    for (const item of again) {
      const stored = await db.article.findUniqueOrThrow({
        where: { id: item.article.id },
        select: { ydoc: true },
      });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.ydoc);
      for (const a of item.annotations) {
        const row = await db.annotation.findUniqueOrThrow({ where: { id: a.id } });
        const span = resolveAnchor(doc, doc.getXmlFragment(BODY_FIELD), row.anchor as never, row.quote);
        expect(span).toMatchObject({ start: a.start, end: a.end });
      }
      doc.destroy();
    }
    const audit = await db.auditEvent.count({ where: { teamId: target.id, action: "team.import" } });
    expect(audit).toBe(1);
  });

  it("keeps internal evidence only when its target is imported too, and reports what it dropped", async () => {
    const source = (await (
      await exportTeamRoute(team.slug, await cookie(team.moderator))
    ).json()) as ArticleExport[];
    const target = await createTeamWithMembers();
    const onlyEmoji = source.filter((item) => item.article.id === emojiId);
    const response = await callJson(importRoute as RouteHandler, `/api/v1/teams/${target.slug}/import`, {
      method: "POST",
      auth: await cookie(target.admin),
      params: { team: target.slug },
      body: onlyEmoji[0],
    });
    expect(response.status).toBe(201);
    expect(response.body.dropped).toMatchObject([
      { annotationId: ids.emoji, reason: expect.stringMatching(/not part of this import/) },
    ]);
    // people who are not members of the new team are replaced by the importer
    const imported = await db.annotation.findMany({ where: { teamId: target.id } });
    expect(new Set(imported.map((a) => a.authorId))).toEqual(new Set([target.admin.id]));
  });

  it("refuses non-admins (403), other teams (404), broken exports (400) and offsets that do not match", async () => {
    const [first] = (await (
      await exportArticle(emojiId, await cookie(team.moderator))
    )
      .json()
      .then((body) => [body])) as ArticleExport[];
    const post = async (slug: string, auth: TestAuth, body: unknown) =>
      (
        await callJson(importRoute as RouteHandler, `/api/v1/teams/${slug}/import`, {
          method: "POST",
          auth,
          params: { team: slug },
          body,
        })
      ).status;
    expect(await post(team.slug, await cookie(team.moderator), first)).toBe(403);
    expect(await post(other.slug, await cookie(team.admin), first)).toBe(404);
    const annotateToken = await createApiToken({
      teamId: team.id,
      createdById: team.admin.id,
      scopes: ["ANNOTATE"],
    });
    const exportToken = await createApiToken({
      teamId: team.id,
      createdById: team.admin.id,
      scopes: ["EXPORT"],
    });
    expect(await post(team.slug, { bearer: exportToken.secret }, first)).toBe(403);
    expect(await post(team.slug, await cookie(team.admin), { ...first, schemaVersion: 2 })).toBe(400);
    const shifted = structuredClone(first!);
    shifted.annotations[0]!.start += 1;
    const before = await db.article.count({ where: { teamId: team.id } });
    expect(await post(team.slug, await cookie(team.admin), [first, shifted])).toBe(400);
    expect(await db.article.count({ where: { teamId: team.id } })).toBe(before);
    expect(await post(team.slug, { bearer: annotateToken.secret }, first)).toBe(201);
  });
});
