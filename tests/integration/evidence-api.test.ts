// Over 400 lines: evidence add/list/remove, internal targets and their permissions share one seeded team.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "../../app/api/v1/annotations/[id]/evidence/route.ts";
import { DELETE as deleteAnnotationRoute } from "../../app/api/v1/annotations/[id]/route.ts";
import { GET as exportRoute } from "../../app/api/v1/articles/[id]/export/route.ts";
import { DELETE as removeRoute } from "../../app/api/v1/evidence/[id]/route.ts";
import { GET as searchRoute } from "../../app/api/v1/teams/[team]/annotations/search/route.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import type { LiveAnnotation } from "../../lib/annotations/live-entry.ts";
import type { Actor } from "../../lib/auth/actor.ts";
import { db } from "../../lib/db.ts";
import { loadEvidenceForAnnotations } from "../../lib/evidence/evidence-json.ts";
import { listTeamSources } from "../../lib/evidence/list-team-sources.ts";
import { postEvidence } from "../support/annotation-requests.ts";
import { callJson, callRoute, sessionCookie, type TestAuth } from "../support/api.ts";
import { connectSynced, eventually, liveAnnotation, type TestClient } from "../support/collab-client.ts";
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
let other: TestTeam;
let server: CollabTestServer;
const clients: TestClient[] = [];
const cookies: Record<string, string> = {};
const articles: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };
// a1: annotator's on article a; a2: annotator2's on a; b1: moderator's on b; c1: the other team's.
const ids: Record<"a1" | "a2" | "b1" | "c1", string> = { a1: "", a2: "", b1: "", c1: "" };
let annotateToken: string;
let readToken: string;

async function article(teamId: string, importedById: string, title: string) {
  return (await insertTextArticle({ teamId, importedById, title })).id;
}

async function annotate(actor: Actor, articleId: string, quote: string, note?: string) {
  const created = await createAnnotation({
    actor,
    articleId,
    input: { label: "fact", ...spanOf(quote), note },
  });
  return created.id;
}

function cookie(who: string): TestAuth {
  return { cookie: cookies[who]! };
}

function list(auth: TestAuth, annotationId: string) {
  return callJson(listRoute, `/api/v1/annotations/${annotationId}/evidence`, {
    auth,
    params: { id: annotationId },
  });
}

function remove(auth: TestAuth, evidenceId: string) {
  return callJson(removeRoute, `/api/v1/evidence/${evidenceId}`, {
    method: "DELETE",
    auth,
    params: { id: evidenceId },
  });
}

async function connect(who: string, articleId: string) {
  return connectSynced(clients, server.url, `article.${articleId}.annotations`, cookies[who]);
}

function live(client: TestClient, id: string): LiveAnnotation | undefined {
  return liveAnnotation(client.doc, id) ?? undefined;
}

const external = {
  relation: "corroborates",
  url: "  HTTPS://WWW.Airwars.ORG:443/report/iraq-syria?x=1#:~:text=civilians  ",
  title: "Airwars civilian harm report",
  publisher: "Airwars",
  quote: "at least 1,335 civilians",
  accessedAt: "2026-11-20",
  archivedUrl: "https://web.archive.org/web/2026/https://airwars.org/report/iraq-syria",
  note: "Independent monitor",
};

beforeAll(async () => {
  team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
  other = await createTeamWithMembers();
  const people = {
    admin: team.admin,
    moderator: team.moderator,
    annotator: team.annotator,
    annotator2: team.members[4]!,
    viewer: team.viewer,
    outsider: other.admin,
  };
  for (const [key, user] of Object.entries(people)) cookies[key] = await sessionCookie(user);
  articles.a = await article(team.id, team.admin.id, "Coalition airstrikes");
  articles.b = await article(team.id, team.admin.id, "Mosul follow-up");
  articles.c = await article(other.id, other.admin.id, "Other team's article");
  server = await startLiveCollabServer();
  ids.a1 = await annotate(team.annotator.actor, articles.a, "34,573 airstrikes", "Coalition's own count");
  ids.a2 = await annotate(people.annotator2.actor, articles.a, "at least 1,335 civilians");
  ids.b1 = await annotate(
    team.moderator.actor,
    articles.b,
    "tens of thousands of Iraqis and Syrians",
    "50% higher?",
  );
  ids.c1 = await annotate(other.admin.actor, articles.c, "34,573 airstrikes");
  annotateToken = (
    await createApiToken({ teamId: team.id, createdById: team.annotator.id, scopes: ["ANNOTATE"] })
  ).secret;
  readToken = (await createApiToken({ teamId: team.id, createdById: team.admin.id, scopes: ["READ"] }))
    .secret;
});

afterAll(async () => {
  await stopLiveCollabServer(server, clients);
});

describe("adding evidence", () => {
  let externalId: string;

  it("adds an external source (normalised) and a second user sees the counts change live", async () => {
    const watcher = await connect("viewer", articles.a);
    expect(live(watcher, ids.a1)?.evidence).toEqual({ corroborates: 0, contradicts: 0 });
    const { status, body: created } = await postEvidence(cookie("annotator"), ids.a1, external);
    expect(status).toBe(201);
    expect(created).toMatchObject({
      annotationId: ids.a1,
      relation: "corroborates",
      kind: "external",
      url: "https://www.airwars.org/report/iraq-syria?x=1#:~:text=civilians",
      title: "Airwars civilian harm report",
      publisher: "Airwars",
      quote: "at least 1,335 civilians",
      accessedAt: "2026-11-20T00:00:00.000Z",
      archivedUrl: "https://web.archive.org/web/2026/https://airwars.org/report/iraq-syria",
      target: null,
      note: "Independent monitor",
      addedBy: { id: team.annotator.id, name: team.annotator.name },
    });
    externalId = created.id;
    await eventually(() => live(watcher, ids.a1)?.evidence.corroborates === 1, "the viewer sees ✓1");
    const audit = await db.auditEvent.findMany({ where: { entityId: externalId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "evidence.add", actorId: team.annotator.id, teamId: team.id });
    expect(audit[0]!.after).toMatchObject({
      relation: "corroborates",
      annotationId: ids.a1,
      articleId: articles.a,
    });
  });

  it("adds a contradicting external source through an API token with the annotate scope", async () => {
    const watcher = await connect("annotator2", articles.a);
    const { status, body: created } = await postEvidence({ bearer: annotateToken }, ids.a1, {
      relation: "contradicts",
      url: "https://example.org/counter-claim",
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      relation: "contradicts",
      kind: "external",
      title: null,
      accessedAt: null,
    });
    await eventually(
      () =>
        JSON.stringify(live(watcher, ids.a1)?.evidence) ===
        JSON.stringify({ corroborates: 1, contradicts: 1 }),
      "✓1 ✗1 live",
    );
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(event.tokenId).not.toBeNull();
  });

  it("cites another annotation of the same article; the target shows the back-link live", async () => {
    const watcher = await connect("moderator", articles.a);
    const { status, body: created } = await postEvidence(cookie("annotator"), ids.a1, {
      relation: "contradicts",
      targetAnnotationId: ids.a2,
      note: "Civilian toll contradicts the framing",
    });
    expect(status).toBe(201);
    expect(created).toMatchObject({
      kind: "internal",
      url: null,
      target: {
        annotationId: ids.a2,
        articleId: articles.a,
        articleTitle: "Coalition airstrikes",
        quote: "at least 1,335 civilians",
        label: "fact",
        removed: false,
      },
    });
    await eventually(() => live(watcher, ids.a2)?.citedBy === 1, "a2 shows it is cited");
    await eventually(() => live(watcher, ids.a1)?.evidence.contradicts === 2, "a1 shows ✗2");
  });

  it("cites an annotation of another article of the team; that article's clients see the back-link", async () => {
    const onB = await connect("viewer", articles.b);
    const { status, body: created } = await postEvidence(cookie("annotator2"), ids.a1, {
      relation: "corroborates",
      targetAnnotationId: ids.b1,
    });
    expect(status).toBe(201);
    expect(created.target).toMatchObject({
      annotationId: ids.b1,
      articleId: articles.b,
      articleTitle: "Mosul follow-up",
    });
    await eventually(() => live(onB, ids.b1)?.citedBy === 1, "b1 shows it is cited");
    const { body: backLinks } = await list(cookie("viewer"), ids.b1);
    expect(backLinks.citedBy).toEqual([
      expect.objectContaining({
        annotationId: ids.a1,
        articleId: articles.a,
        relation: "corroborates",
        quote: "34,573 airstrikes",
      }),
    ]);
  });

  it("refuses another team's, malformed and unknown targets as not found, and self-citation as invalid", async () => {
    const before = await db.evidence.count();
    for (const target of [ids.c1, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const response = await postEvidence(cookie("annotator"), ids.a1, {
        relation: "corroborates",
        targetAnnotationId: target,
      });
      expect(response.status, target).toBe(404);
      expect(response.body.error.message).toBe("Target annotation not found");
    }
    const self = await postEvidence(cookie("annotator"), ids.a1, {
      relation: "corroborates",
      targetAnnotationId: ids.a1,
    });
    expect(self.status).toBe(400);
    expect(self.body.error.message).toMatch(/cannot cite itself/);
    expect(await db.evidence.count()).toBe(before);
  });

  it("refuses bad input with 400 and stores nothing", async () => {
    const before = await db.evidence.count();
    const cases: unknown[] = [
      { relation: "supports", url: "https://example.org/" },
      { relation: "corroborates" },
      { relation: "corroborates", url: "https://example.org/", targetAnnotationId: ids.a2 },
      { relation: "corroborates", url: "javascript:alert(1)" },
      { relation: "corroborates", url: "data:text/html,<b>x</b>" },
      { relation: "corroborates", url: "file:///etc/passwd" },
      { relation: "corroborates", url: "//evil.example/" },
      { relation: "corroborates", url: "https://user:pw@example.org/" },
      { relation: "corroborates", url: "https://example.org/", archivedUrl: "javascript:alert(1)" },
      { relation: "corroborates", targetAnnotationId: ids.a2, title: "External only" },
      { relation: "corroborates", url: "https://example.org/", title: "x".repeat(501) },
      { relation: "corroborates", url: "https://example.org/", accessedAt: "2999-01-01" },
      { relation: "corroborates", url: "https://example.org/", accessedAt: "yesterday" },
      { relation: "corroborates", url: "https://example.org/", extra: 1 },
    ];
    for (const input of cases) {
      const response = await postEvidence(cookie("annotator"), ids.a1, input);
      expect(response.status, JSON.stringify(input)).toBe(400);
      expect(response.body.error.code).toBe("invalid_input");
    }
    expect(await db.evidence.count()).toBe(before);
  });

  it("refuses viewers and read-only tokens (403) and other teams (404)", async () => {
    const before = await db.evidence.count();
    const input = { relation: "corroborates", url: "https://example.org/" };
    expect((await postEvidence(cookie("viewer"), ids.a1, input)).status).toBe(403);
    expect((await postEvidence({ bearer: readToken }, ids.a1, input)).status).toBe(403);
    expect((await postEvidence(cookie("outsider"), ids.a1, input)).status).toBe(404);
    expect((await list(cookie("outsider"), ids.a1)).status).toBe(404);
    const otherTeamToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["READ", "ANNOTATE"],
    });
    expect((await postEvidence({ bearer: otherTeamToken.secret }, ids.a1, input)).status).toBe(404);
    expect((await remove(cookie("outsider"), externalId)).status).toBe(404);
    expect((await remove({ bearer: otherTeamToken.secret }, externalId)).status).toBe(404);
    expect(await db.evidence.count()).toBe(before);
  });

  it("lists both groups for a viewer, with what they may do", async () => {
    const { status, body: panel } = await list(cookie("viewer"), ids.a1);
    expect(status).toBe(200);
    expect(panel.canAdd).toBe(false);
    expect(panel.corroborates.map((item: { kind: string }) => item.kind)).toEqual(["external", "internal"]);
    expect(panel.contradicts.map((item: { kind: string }) => item.kind)).toEqual(["external", "internal"]);
    expect(
      [...panel.corroborates, ...panel.contradicts].every((item: { canRemove: boolean }) => !item.canRemove),
    ).toBe(true);
    const asAuthor = await list(cookie("annotator"), ids.a1);
    expect(asAuthor.body.canAdd).toBe(true);
    expect(asAuthor.body.corroborates.every((item: { canRemove: boolean }) => item.canRemove)).toBe(true);
    const readOnly = await list({ bearer: readToken }, ids.a1);
    expect(readOnly.status).toBe(200);
  });
});

describe("removing evidence", () => {
  async function addAs(who: string, annotationId: string, url = "https://example.net/a") {
    const response = await postEvidence(cookie(who), annotationId, { relation: "corroborates", url });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  it("follows the permission table", async () => {
    // annotator2 adds to the annotator's a1: annotator2 (adder) and the annotator (author) may remove.
    const byAdder = await addAs("annotator2", ids.a1);
    expect((await remove(cookie("viewer"), byAdder)).status).toBe(403);
    expect((await remove({ bearer: readToken }, byAdder)).status).toBe(403);
    expect((await remove(cookie("annotator2"), byAdder)).status).toBe(204);
    const forAuthor = await addAs("annotator2", ids.a1);
    expect((await remove(cookie("annotator"), forAuthor)).status).toBe(204);
    // The annotator added to annotator2's a2: the moderator's... no: a third annotator is refused.
    const onOthers = await addAs("moderator", ids.a2);
    expect((await remove(cookie("annotator"), onOthers)).status).toBe(403);
    expect((await remove(cookie("moderator"), onOthers)).status).toBe(204);
    const forAdmin = await addAs("annotator", ids.a2);
    expect((await remove(cookie("admin"), forAdmin)).status).toBe(204);
    const viaToken = await addAs("annotator", ids.b1);
    expect((await remove({ bearer: annotateToken }, viaToken)).status).toBe(204);
    expect((await remove(cookie("annotator"), viaToken)).status).toBe(404);
    expect((await remove(cookie("annotator"), "not-a-uuid")).status).toBe(404);
    const events = await db.auditEvent.findMany({
      where: { action: "evidence.remove" },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.entityId)).toEqual([byAdder, forAuthor, onOthers, forAdmin, viaToken]);
    expect(events[0]).toMatchObject({ actorId: team.members[4]!.id });
    expect(events[0]!.before).toMatchObject({ url: "https://example.net/a", relation: "corroborates" });
    const rows = await db.evidence.findMany({
      where: { id: { in: [byAdder, forAuthor, onOthers, forAdmin, viaToken] } },
    });
    expect(rows.every((row) => row.deletedAt !== null)).toBe(true);
  });

  it("drops the counts live for everyone", async () => {
    const watcher = await connect("viewer", articles.a);
    const id = await addAs("annotator", ids.a2, "https://example.net/b");
    await eventually(() => live(watcher, ids.a2)?.evidence.corroborates === 1, "✓1 appears");
    expect((await remove(cookie("annotator"), id)).status).toBe(204);
    await eventually(() => live(watcher, ids.a2)?.evidence.corroborates === 0, "✓1 goes away");
  });
});

describe("search, deleted targets, exports and the team's sources", () => {
  it("finds the team's annotations by quote or note, never another team's; wildcards are literal", async () => {
    const search = (q: string, auth: TestAuth = cookie("viewer"), slug = team.slug) =>
      callJson(searchRoute, `/api/v1/teams/${slug}/annotations/search?q=${encodeURIComponent(q)}`, {
        auth,
        params: { team: slug },
      });
    const byQuote = await search("34,573");
    expect(byQuote.status).toBe(200);
    expect(byQuote.body.annotations.map((a: { id: string }) => a.id)).toEqual([ids.a1]);
    expect(byQuote.body.annotations[0]).toMatchObject({
      articleTitle: "Coalition airstrikes",
      label: "fact",
    });
    const byNote = await search("OWN COUNT");
    expect(byNote.body.annotations.map((a: { id: string }) => a.id)).toEqual([ids.a1]);
    expect((await search("50%")).body.annotations.map((a: { id: string }) => a.id)).toEqual([ids.b1]);
    expect((await search("%%")).body.annotations).toEqual([]);
    expect((await search("__")).body.annotations).toEqual([]);
    expect((await search("x")).status).toBe(400);
    expect((await search("34,573", cookie("outsider"))).status).toBe(404);
  });

  it("shows a cited annotation that was deleted as removed, and refuses it as a new target", async () => {
    const current = await db.annotation.findUniqueOrThrow({ where: { id: ids.b1 } });
    const deleted = await callRoute(
      deleteAnnotationRoute,
      `/api/v1/annotations/${ids.b1}?version=${current.version}`,
      {
        method: "DELETE",
        auth: cookie("moderator"),
        params: { id: ids.b1 },
      },
    );
    expect(deleted.status).toBe(204);
    const { status, body: panel } = await list(cookie("viewer"), ids.a1);
    expect(status).toBe(200);
    const cited = panel.corroborates.find((item: { kind: string }) => item.kind === "internal");
    expect(cited.target).toEqual({
      annotationId: ids.b1,
      articleId: articles.b,
      articleTitle: null,
      quote: null,
      label: null,
      removed: true,
    });
    const again = await postEvidence(cookie("annotator"), ids.a1, {
      relation: "corroborates",
      targetAnnotationId: ids.b1,
    });
    expect(again.status).toBe(404);
    // Evidence on the deleted annotation is gone with it.
    expect((await list(cookie("viewer"), ids.b1)).status).toBe(404);
  });

  it("appears in the article's JSON export, both kinds, with the removed target marked", async () => {
    const { status, body: exported } = await callJson(
      exportRoute,
      `/api/v1/articles/${articles.a}/export?format=json`,
      {
        auth: cookie("moderator"), // viewers export approved annotations only
        params: { id: articles.a },
      },
    );
    expect(status).toBe(200);
    const a1 = exported.annotations.find((annotation: { id: string }) => annotation.id === ids.a1);
    const evidence = a1.evidence as {
      relation: string;
      kind: string;
      url: string | null;
      removed?: boolean;
    }[];
    expect(evidence.map((item) => `${item.relation}/${item.kind}`)).toEqual([
      "corroborates/external",
      "contradicts/external",
      "contradicts/internal",
      "corroborates/internal",
    ]);
    expect(evidence[0]).toMatchObject({
      url: "https://www.airwars.org/report/iraq-syria?x=1#:~:text=civilians",
    });
    expect(evidence[3]).toMatchObject({ removed: true });
  });

  it("loads evidence for exports by annotation, scoped to the team", async () => {
    const byAnnotation = await loadEvidenceForAnnotations(db, {
      teamId: team.id,
      annotationIds: [ids.a1, ids.c1],
    });
    expect(byAnnotation.get(ids.a1)?.map((item) => `${item.relation}/${item.kind}`)).toEqual([
      "corroborates/external",
      "contradicts/external",
      "contradicts/internal",
      "corroborates/internal",
    ]);
    expect(byAnnotation.has(ids.c1)).toBe(false);
    const wrongTeam = await loadEvidenceForAnnotations(db, { teamId: other.id, annotationIds: [ids.a1] });
    expect(wrongTeam.size).toBe(0);
  });

  it("aggregates the team's sources by site and page", async () => {
    await postEvidence(cookie("annotator2"), ids.a2, {
      relation: "contradicts",
      url: "https://airwars.org/report/iraq-syria/",
      publisher: "Airwars",
    });
    const { sources } = await listTeamSources({ actor: team.viewer.actor, teamSlug: team.slug });
    const airwars = sources.find((source) => source.host === "airwars.org");
    expect(airwars).toMatchObject({
      publisher: "Airwars",
      corroborates: 1,
      contradicts: 1,
      citations: 2,
      articles: 1,
    });
    expect(airwars?.pages).toHaveLength(1);
    expect(airwars?.pages[0]).toMatchObject({ corroborates: 1, contradicts: 1, citations: 2 });
    expect(sources.find((source) => source.host === "example.org")).toMatchObject({
      contradicts: 1,
      corroborates: 0,
    });
    // Removed evidence (example.net) is not a source any more.
    expect(sources.map((source) => source.host)).not.toContain("example.net");
    await expect(listTeamSources({ actor: other.admin.actor, teamSlug: team.slug })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("deleting a citing annotation drops the target's back-link live", async () => {
    const watcher = await connect("viewer", articles.a);
    expect(live(watcher, ids.a2)?.citedBy).toBe(1);
    const current = await db.annotation.findUniqueOrThrow({ where: { id: ids.a1 } });
    const deleted = await callRoute(
      deleteAnnotationRoute,
      `/api/v1/annotations/${ids.a1}?version=${current.version}`,
      { method: "DELETE", auth: cookie("annotator"), params: { id: ids.a1 } },
    );
    expect(deleted.status).toBe(204);
    await eventually(() => live(watcher, ids.a2)?.citedBy === 0, "a2 is no longer cited");
    const { body: panel } = await list(cookie("viewer"), ids.a2);
    expect(panel.citedBy).toEqual([]);
  });
});
