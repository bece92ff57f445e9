// Issue 21 item 5: integers outside the PostgreSQL column's range are bad input (400) on every
// route that takes them, never a 500; API tokens expire after 90 days unless "never" is chosen.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as reviewRoute } from "../../app/api/v1/annotations/[id]/reviews/route.ts";
import { DELETE as deleteRoute, PATCH as patchRoute } from "../../app/api/v1/annotations/[id]/route.ts";
import { POST as createAnnotationRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { POST as createTokenRoute } from "../../app/api/v1/teams/[team]/tokens/route.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { db } from "../../lib/db.ts";
import { PG_INT_MAX } from "../../lib/validation/integers.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { createTeamWithMembers, insertQuotedAnnotation, type TestTeam } from "../support/factories.ts";

const TEXT = "The minister said the budget grew by four per cent in a single year.";
const TOO_BIG = PG_INT_MAX + 1; // 2,147,483,648

let team: TestTeam;
let annotator: TestAuth;
let moderator: TestAuth;
let articleId: string;
let annotationId: string;

beforeAll(async () => {
  team = await createTeamWithMembers();
  annotator = { cookie: await sessionCookie(team.annotator) };
  moderator = { cookie: await sessionCookie(team.moderator) };
  const article = await db.$transaction((tx) =>
    insertArticle(tx, {
      teamId: team.id,
      importedById: team.admin.id,
      title: "Edge values",
      format: "text",
      content: TEXT,
    }),
  );
  articleId = article.id;
  const annotation = await insertQuotedAnnotation({
    teamId: team.id,
    articleId,
    authorId: team.annotator.id,
    label: "FACT",
    text: TEXT,
    quote: "four per cent",
  });
  annotationId = annotation.id;
});

async function annotationRow() {
  return db.annotation.findUniqueOrThrow({ where: { id: annotationId } });
}

describe("integers beyond PostgreSQL's integer range", () => {
  it("PATCH /annotations/{id} with version 2,147,483,648 → 400, nothing changed; the largest integer → 409", async () => {
    const before = await annotationRow();
    const tooBig = await callJson(patchRoute, `/api/v1/annotations/${annotationId}`, {
      method: "PATCH",
      auth: annotator,
      params: { id: annotationId },
      body: { note: "changed", version: TOO_BIG },
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.code).toBe("invalid_input");
    expect(tooBig.body.error.message).toContain("version");
    const largest = await callJson(patchRoute, `/api/v1/annotations/${annotationId}`, {
      method: "PATCH",
      auth: annotator,
      params: { id: annotationId },
      body: { note: "changed", version: PG_INT_MAX },
    });
    expect(largest.status).toBe(409);
    expect(await annotationRow()).toEqual(before);
  });

  it("DELETE /annotations/{id}?version=2147483648 (and in a JSON body) → 400, nothing deleted", async () => {
    const query = await callJson(deleteRoute, `/api/v1/annotations/${annotationId}?version=${TOO_BIG}`, {
      method: "DELETE",
      auth: annotator,
      params: { id: annotationId },
    });
    expect(query.status).toBe(400);
    const body = await callJson(deleteRoute, `/api/v1/annotations/${annotationId}`, {
      method: "DELETE",
      auth: annotator,
      params: { id: annotationId },
      body: { version: TOO_BIG },
    });
    expect(body.status).toBe(400);
    expect((await annotationRow()).deletedAt).toBeNull();
  });

  it("POST /articles/{id}/annotations with an offset of 2,147,483,648 → 400, nothing stored", async () => {
    const count = await db.annotation.count({ where: { articleId } });
    for (const span of [
      { start: 0, end: TOO_BIG },
      { start: TOO_BIG, end: TOO_BIG + 1 },
    ]) {
      const { status } = await callJson(createAnnotationRoute, `/api/v1/articles/${articleId}/annotations`, {
        method: "POST",
        auth: annotator,
        params: { id: articleId },
        body: { label: "fact", ...span },
      });
      expect(status, JSON.stringify(span)).toBe(400);
    }
    expect(await db.annotation.count({ where: { articleId } })).toBe(count);
  });

  it("POST /annotations/{id}/reviews with version 2,147,483,648 → 400, no review", async () => {
    const { status } = await callJson(reviewRoute, `/api/v1/annotations/${annotationId}/reviews`, {
      method: "POST",
      auth: moderator,
      params: { id: annotationId },
      body: { decision: "approve", version: TOO_BIG },
    });
    expect(status).toBe(400);
    expect((await annotationRow()).status).toBe("PENDING");
  });
});

describe("API token lifetime", () => {
  let admin: TestAuth;
  beforeAll(async () => {
    admin = { cookie: await sessionCookie(team.admin) };
  });

  async function create(body: Record<string, unknown>) {
    return callJson(createTokenRoute, `/api/v1/teams/${team.slug}/tokens`, {
      method: "POST",
      auth: admin,
      params: { team: team.slug },
      body: { scopes: ["read"], ...body },
    });
  }

  it("expires after 90 days when no lifetime is given", async () => {
    const before = Date.now();
    const { status, body } = await create({ name: "default lifetime" });
    expect(status).toBe(201);
    const expiresAt = new Date(body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 90 * 86_400_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 90 * 86_400_000);
  });

  it("never expires only when asked with expiresInDays: null", async () => {
    const { status, body } = await create({ name: "forever", expiresInDays: null });
    expect(status).toBe(201);
    expect(body.expiresAt).toBeNull();
  });

  it("refuses other spellings of never and out-of-range lifetimes (400)", async () => {
    for (const expiresInDays of ["never", 0, 3651, TOO_BIG, 1.5]) {
      const { status } = await create({ name: `bad ${expiresInDays}`, expiresInDays });
      expect(status, String(expiresInDays)).toBe(400);
    }
  });
});
