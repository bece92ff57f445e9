// Over 400 lines: the verdict and rating-scale permission table, the 409s and withdrawals against the real routes, one world set up once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as historyRoute } from "../../app/api/v1/annotations/[id]/history/route.ts";
import {
  DELETE as deleteRoute,
  GET as getRoute,
  PUT as putRoute,
} from "../../app/api/v1/annotations/[id]/verdict/route.ts";
import { GET as scaleGet, PUT as scalePut } from "../../app/api/v1/teams/[team]/rating-scale/route.ts";
import { db } from "../../lib/db.ts";
import { decodeLiveVerdict, VERDICTS_MAP } from "../../lib/verdicts/live-verdict-entry.ts";
import { postAnnotation, postBulkReview, postEvidence, postReview } from "../support/annotation-requests.ts";
import { asUser, callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { connectSynced, eventually, type TestClient } from "../support/collab-client.ts";
import { type CollabTestServer, stopLiveCollabServer } from "../support/collab-server.ts";
import { spanOf } from "../support/demo-text.ts";
import { createApiToken, createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { startLiveArticleWorld } from "../support/live-article.ts";

let team: TestTeam;
let other: TestTeam;
let articleId: string;
let server: CollabTestServer;
const clients: TestClient[] = [];

/** An annotation by the annotator, reviewed by the moderator when `review` is given. */
async function passage(label: string, review?: unknown): Promise<string> {
  const created = await postAnnotation(await asUser(team.annotator), articleId, {
    label,
    ...spanOf("34,573 airstrikes"),
  });
  expect(created.status).toBe(201);
  if (review) {
    const reviewed = await postReview(await asUser(team.moderator), created.body.id, review);
    expect(reviewed.status).toBe(201);
  }
  return created.body.id;
}

async function addEvidence(annotationId: string, relation = "corroborates"): Promise<string> {
  const { status, body: evidence } = await postEvidence(await asUser(team.annotator), annotationId, {
    relation,
    url: `https://example.org/${randomUUID()}`,
    title: "Airwars tally",
    publisher: "Airwars",
  });
  expect(status).toBe(201);
  return evidence.id;
}

/** An approved fact with one corroborating item of evidence. */
async function approvedFact(): Promise<{ id: string; evidenceId: string }> {
  const id = await passage("fact", { decision: "approve" });
  return { id, evidenceId: await addEvidence(id) };
}

function put(auth: TestAuth, annotationId: string, input: unknown) {
  return callJson(putRoute, `/api/v1/annotations/${annotationId}/verdict`, {
    method: "PUT",
    auth,
    params: { id: annotationId },
    body: input,
  });
}

function remove(auth: TestAuth, annotationId: string) {
  return callJson(deleteRoute, `/api/v1/annotations/${annotationId}/verdict`, {
    method: "DELETE",
    auth,
    params: { id: annotationId },
  });
}

function scale(auth: TestAuth, slug = team.slug, input?: unknown) {
  return callJson(input === undefined ? scaleGet : scalePut, `/api/v1/teams/${slug}/rating-scale`, {
    method: input === undefined ? "GET" : "PUT",
    auth,
    params: { team: slug },
    ...(input === undefined ? {} : { body: input }),
  });
}

beforeAll(async () => {
  ({ team, other, articleId, server } = await startLiveArticleWorld());
});

afterAll(async () => {
  await stopLiveCollabServer(server, clients);
});

describe("PUT/DELETE /api/v1/annotations/{id}/verdict: who may", () => {
  it("moderators and admins may (201 first, 200 after, 204 delete); annotators and viewers 403; other teams 404", async () => {
    const { id, evidenceId } = await approvedFact();
    const input = { rating: "False", conclusion: "The tally says **34,000**.", evidenceIds: [evidenceId] };
    for (const user of [team.annotator, team.viewer]) {
      const refused = await put(await asUser(user), id, input);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("forbidden");
    }
    for (const user of [other.admin, other.moderator]) {
      const hidden = await put(await asUser(user), id, input);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe("not_found");
      expect((await remove(await asUser(user), id)).status).toBe(404);
    }
    expect(await db.verdict.count({ where: { annotationId: id } })).toBe(0);

    const first = await put(await asUser(team.moderator), id, input);
    expect(first.status).toBe(201);
    expect(first.body.verdict).toMatchObject({
      annotationId: id,
      articleId,
      rating: { label: "False", value: 1 },
      conclusion: input.conclusion,
      evidenceIds: [evidenceId],
      author: { id: team.moderator.id },
    });
    expect(first.body.verdict.conclusionHtml).toContain("<strong>34,000</strong>");
    const second = await put(await asUser(team.admin), id, { ...input, rating: "mostly false" });
    expect(second.status).toBe(200);
    expect(second.body.verdict.rating).toMatchObject({ label: "Mostly false", value: 2 });
    expect(second.body.verdict.id).toBe(first.body.verdict.id);

    for (const user of [team.annotator, team.viewer])
      expect((await remove(await asUser(user), id)).status).toBe(403);
    const read = await callJson(getRoute, "/v", { auth: await asUser(team.viewer), params: { id } });
    expect(read.status).toBe(200);
    expect(read.body.verdict.rating.label).toBe("Mostly false");
    expect((await callJson(getRoute, "/v", { auth: await asUser(other.admin), params: { id } })).status).toBe(
      404,
    );

    expect((await remove(await asUser(team.moderator), id)).status).toBe(204);
    expect((await remove(await asUser(team.moderator), id)).status).toBe(404);
    expect((await callJson(getRoute, "/v", { auth: await asUser(team.viewer), params: { id } })).status).toBe(
      404,
    );
    const actions = (
      await db.auditEvent.findMany({
        where: { entityId: id, action: { startsWith: "verdict." } },
        orderBy: { id: "asc" },
      })
    ).map((event) => event.action);
    expect(actions).toEqual(["verdict.create", "verdict.update", "verdict.delete"]);
  });

  it("API tokens need the review scope and a moderator's or admin's rights; another team's token gets 404", async () => {
    const { id, evidenceId } = await approvedFact();
    const input = { rating: "True", conclusion: "Checks out.", evidenceIds: [evidenceId] };
    const readOnly = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["READ"],
    });
    expect((await put({ bearer: readOnly.secret }, id, input)).status).toBe(403);
    const annotatorToken = await createApiToken({
      teamId: team.id,
      createdById: team.annotator.id,
      scopes: ["REVIEW"],
    });
    expect((await put({ bearer: annotatorToken.secret }, id, input)).status).toBe(403);
    const otherToken = await createApiToken({
      teamId: other.id,
      createdById: other.admin.id,
      scopes: ["REVIEW"],
    });
    expect((await put({ bearer: otherToken.secret }, id, input)).status).toBe(404);
    const reviewer = await createApiToken({
      teamId: team.id,
      createdById: team.moderator.id,
      scopes: ["REVIEW"],
    });
    expect((await put({ bearer: reviewer.secret }, id, input)).status).toBe(201);
  });
});

describe("PUT verdict: only an approved fact, with its own evidence", () => {
  it("409 for a pending fact, an approved opinion and a rejected fact; nothing stored", async () => {
    const pending = await passage("fact");
    const opinion = await passage("opinion", { decision: "approve" });
    const rejected = await passage("fact", { decision: "reject", reason: "wrong" });
    for (const id of [pending, opinion, rejected]) {
      const evidenceId = await addEvidence(id);
      const answer = await put(await asUser(team.moderator), id, {
        rating: "True",
        conclusion: "x",
        evidenceIds: [evidenceId],
      });
      expect(answer.status, id).toBe(409);
      expect(answer.body.error.code).toBe("conflict");
      expect(answer.body.error.message).toMatch(/approved fact/);
    }
    expect(await db.verdict.count({ where: { annotationId: { in: [pending, opinion, rejected] } } })).toBe(0);
  });

  it("400 without evidence, with another passage's evidence, a removed item, an unknown rating or an empty conclusion", async () => {
    const { id, evidenceId } = await approvedFact();
    const elsewhere = await approvedFact();
    const auth = await asUser(team.moderator);
    const cases: Array<[unknown, RegExp]> = [
      [{ rating: "True", conclusion: "x", evidenceIds: [] }, /at least one evidence/],
      [
        { rating: "True", conclusion: "x", evidenceIds: [elsewhere.evidenceId] },
        /evidenceIds.0: not an evidence item/,
      ],
      [{ rating: "True", conclusion: "x", evidenceIds: [evidenceId, randomUUID()] }, /evidenceIds.1/],
      [{ rating: "Pants on fire", conclusion: "x", evidenceIds: [evidenceId] }, /rating: not a rating/],
      [{ rating: randomUUID(), conclusion: "x", evidenceIds: [evidenceId] }, /rating: not a rating/],
      [{ rating: "True", conclusion: "   ", evidenceIds: [evidenceId] }, /conclusion/],
      [{ rating: "True", conclusion: "x", evidenceIds: [evidenceId, evidenceId] }, /twice/],
      [{ rating: "True", conclusion: "x", evidenceIds: [evidenceId], extra: 1 }, /extra|Unrecognized/i],
    ];
    for (const [input, message] of cases) {
      const answer = await put(auth, id, input);
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(answer.body.error.message).toMatch(message);
    }
    // The other team's rating id is as unknown as a made-up one.
    const otherScale = await scale(await asUser(other.admin), other.slug);
    const foreign = await put(auth, id, {
      rating: otherScale.body.items[0].id,
      conclusion: "x",
      evidenceIds: [evidenceId],
    });
    expect(foreign.status).toBe(400);
    expect(await db.verdict.count({ where: { annotationId: id } })).toBe(0);
  });

  it("renders the conclusion without raw HTML or script links", async () => {
    const { id, evidenceId } = await approvedFact();
    const conclusion =
      "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [src](https://example.org/a)";
    const answer = await put(await asUser(team.moderator), id, {
      rating: "Half true",
      conclusion,
      evidenceIds: [evidenceId],
    });
    expect(answer.status).toBe(201);
    const html: string = answer.body.verdict.conclusionHtml;
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://example.org/a" rel="nofollow noopener noreferrer">src</a>');
  });
});

describe("withdrawal", () => {
  async function withVerdict(): Promise<string> {
    const { id, evidenceId } = await approvedFact();
    const given = await put(await asUser(team.moderator), id, {
      rating: "False",
      conclusion: "No.",
      evidenceIds: [evidenceId],
    });
    expect(given.status).toBe(201);
    return id;
  }

  it("relabelling or rejecting a passage withdraws its verdict, says so, and the history shows it", async () => {
    for (const decision of [
      { decision: "relabel", label: "opinion", reason: "It is a judgement" },
      { decision: "reject", reason: "Not in the text" },
    ]) {
      const id = await withVerdict();
      const reviewed = await postReview(await asUser(team.admin), id, decision);
      expect(reviewed.status).toBe(201);
      expect(reviewed.body.verdictWithdrawn).toBe(true);
      expect(await db.verdict.count({ where: { annotationId: id } })).toBe(0);
      const history = await callJson(historyRoute, "/h", { auth: await asUser(team.viewer), params: { id } });
      const verdictEntries = history.body.history.filter((entry: { action: string }) =>
        entry.action.startsWith("verdict."),
      );
      expect(verdictEntries.map((entry: { action: string }) => entry.action)).toEqual([
        "verdict.create",
        "verdict.withdraw",
      ]);
      expect(verdictEntries[1].after).toMatchObject({ withdrawn: true, because: decision.decision });
      expect(verdictEntries[1].before).toMatchObject({ rating: "False", conclusion: "No." });
    }
  });

  it("a bulk relabel withdraws and says so per annotation; verdicts of other passages stay", async () => {
    const kept = await withVerdict();
    const withdrawn = await withVerdict();
    const noVerdict = await passage("fact");
    const answer = await postBulkReview(await asUser(team.moderator), team.slug, {
      decision: "relabel",
      label: "advocacy",
      reason: "slogan",
      annotationIds: [withdrawn, noVerdict],
    });
    expect(answer.status).toBe(200);
    const byId = new Map(answer.body.annotations.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(withdrawn)).toMatchObject({ verdictWithdrawn: true });
    expect(byId.get(noVerdict)).not.toHaveProperty("verdictWithdrawn");
    expect(await db.verdict.count({ where: { annotationId: withdrawn } })).toBe(0);
    expect(await db.verdict.count({ where: { annotationId: kept } })).toBe(1);
  });

  it("a connected client sees the verdict arrive, change and go live", async () => {
    const { id, evidenceId } = await approvedFact();
    const client = await connectSynced(
      clients,
      server.url,
      `article.${articleId}.annotations`,
      await sessionCookie(team.viewer),
    );
    const live = () => decodeLiveVerdict(client.doc.getMap(VERDICTS_MAP).get(id));
    expect(live()).toBeNull();
    await put(await asUser(team.moderator), id, {
      rating: "True",
      conclusion: "Yes.",
      evidenceIds: [evidenceId],
    });
    await eventually(() => live()?.rating.label === "True", "the client sees the verdict");
    await put(await asUser(team.moderator), id, {
      rating: "Half true",
      conclusion: "Partly.",
      evidenceIds: [evidenceId],
    });
    await eventually(() => live()?.rating.label === "Half true", "the client sees the change");
    await postReview(await asUser(team.admin), id, { decision: "reject", reason: "No" });
    await eventually(() => live() === null, "the withdrawn verdict leaves the live state");
    // A late joiner builds the state from PostgreSQL: the surviving verdicts are there.
    const kept = await approvedFact();
    await put(await asUser(team.moderator), kept.id, {
      rating: "False",
      conclusion: "No.",
      evidenceIds: [kept.evidenceId],
    });
    const late = await connectSynced(
      clients,
      server.url,
      `article.${articleId}.annotations`,
      await sessionCookie(team.viewer),
    );
    await eventually(
      () => decodeLiveVerdict(late.doc.getMap(VERDICTS_MAP).get(kept.id))?.rating.label === "False",
      "the late client has the verdict",
    );
    expect(late.doc.getMap(VERDICTS_MAP).get(id)).toBeUndefined();
  });
});

describe("GET/PUT /api/v1/teams/{team}/rating-scale", () => {
  it("every member reads the default scale; other teams get 404", async () => {
    const fresh = await createTeamWithMembers();
    const read = await scale(await asUser(fresh.viewer), fresh.slug);
    expect(read.status).toBe(200);
    expect(
      read.body.items.map((item: { label: string; value: number | null }) => [item.label, item.value]),
    ).toEqual([
      ["True", 5],
      ["Mostly true", 4],
      ["Half true", 3],
      ["Mostly false", 2],
      ["False", 1],
      ["Unverifiable", null],
    ]);
    expect(read.body).toMatchObject({ bestRating: 5, worstRating: 1 });
    // Read twice at once: still one scale.
    await Promise.all([
      scale(await asUser(fresh.admin), fresh.slug),
      scale(await asUser(fresh.moderator), fresh.slug),
    ]);
    expect(await db.ratingScaleItem.count({ where: { teamId: fresh.id } })).toBe(6);
    expect((await scale(await asUser(other.admin), fresh.slug)).status).toBe(404);
    const items = read.body.items.map(({ position: _position, ...item }: { position: number }) => item);
    expect((await scale(await asUser(other.admin), fresh.slug, { items })).status).toBe(404);
  });

  it("only admins write; rename, reorder, add and remove; a used rating cannot be removed (409); verdicts follow renames", async () => {
    const { id, evidenceId } = await approvedFact();
    const current = (await scale(await asUser(team.admin))).body.items as Array<{
      id: string;
      label: string;
      value: number | null;
      colour: string;
    }>;
    const falseItem = current.find((item) => item.label === "False")!;
    await put(await asUser(team.moderator), id, {
      rating: falseItem.id,
      conclusion: "No.",
      evidenceIds: [evidenceId],
    });
    const items = current.map(({ id: itemId, label, value, colour }) => ({
      id: itemId,
      label,
      value,
      colour,
    }));
    for (const user of [team.moderator, team.annotator, team.viewer]) {
      expect((await scale(await asUser(user), team.slug, { items })).status).toBe(403);
    }
    const withoutFalse = items.filter((item) => item.id !== falseItem.id);
    const conflict = await scale(await asUser(team.admin), team.slug, { items: withoutFalse });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/False is used by verdicts/);

    const client = await connectSynced(
      clients,
      server.url,
      `article.${articleId}.annotations`,
      await sessionCookie(team.viewer),
    );
    const liveLabel = () => decodeLiveVerdict(client.doc.getMap(VERDICTS_MAP).get(id))?.rating.label;
    await eventually(() => liveLabel() === "False", "the open page shows the verdict");
    // "False" renamed and moved first, "Mostly true" (unused) removed, "Satire" added.
    const next = [
      {
        ...items.find((item) => item.label === "False")!,
        label: "Pants on fire",
        value: 0,
        colour: "#AA0000",
      },
      ...items.filter((item) => item.label !== "False" && item.label !== "Mostly true"),
      { label: "Satire", value: null, colour: "#123456" },
    ];
    const saved = await scale(await asUser(team.admin), team.slug, { items: next });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.items.map((item: { label: string }) => item.label)).toEqual([
      "Pants on fire",
      "True",
      "Half true",
      "Mostly false",
      "Unverifiable",
      "Satire",
    ]);
    expect(saved.body).toMatchObject({ bestRating: 5, worstRating: 0 });
    expect(saved.body.items[0]).toMatchObject({ id: falseItem.id, colour: "#aa0000", position: 0 });
    const verdict = await callJson(getRoute, "/v", { auth: await asUser(team.viewer), params: { id } });
    expect(verdict.body.verdict.rating).toMatchObject({ label: "Pants on fire", value: 0 });
    // An open page follows the rename without a reload.
    await eventually(() => liveLabel() === "Pants on fire", "the open page shows the renamed rating");
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.id, action: "rating_scale.update" },
    });
    expect(audit.actorId).toBe(team.admin.id);
  });

  it("refuses bad scales with 400 and changes nothing", async () => {
    const before = (await scale(await asUser(team.admin))).body;
    const auth = await asUser(team.admin);
    const bad: unknown[] = [
      { items: [] },
      { items: [{ label: "A", value: 1, colour: "#000000" }] },
      {
        items: [
          { label: "A", value: 1, colour: "#000000" },
          { label: "a", value: 2, colour: "#000000" },
        ],
      },
      {
        items: [
          { label: "A", value: 1, colour: "red" },
          { label: "B", value: 2, colour: "#000000" },
        ],
      },
      {
        items: [
          { label: "A", value: null, colour: "#000000" },
          { label: "B", value: 2, colour: "#000000" },
        ],
      },
      {
        items: [
          { label: "A", value: 1.5, colour: "#000000" },
          { label: "B", value: 2, colour: "#000000" },
        ],
      },
      {
        items: [
          { id: randomUUID(), label: "A", value: 1, colour: "#000000" },
          { label: "B", value: 2, colour: "#000000" },
        ],
      },
    ];
    for (const input of bad) {
      expect((await scale(auth, team.slug, input)).status, JSON.stringify(input)).toBe(400);
    }
    expect((await scale(await asUser(team.admin))).body).toEqual(before);
  });
});
