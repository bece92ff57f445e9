// Webhook delivery end to end on a real PostgreSQL and pg-boss: use cases write events, the relay
// queues deliveries, workers sign and send them to a loopback receiver that verifies every one
// with the standardwebhooks verifier. Retries run on a schedule shortened by WEBHOOK_RETRY_DELAYS.
process.env.WEBHOOK_RETRY_DELAYS = "0.3,0.3,0.3";
process.env.WEBHOOK_TIMEOUT_MS = "2000";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as redeliverRoute } from "../../app/api/v1/teams/[team]/webhooks/[id]/deliveries/[deliveryId]/redeliver/route.ts";
import { GET as deliveriesRoute } from "../../app/api/v1/teams/[team]/webhooks/[id]/deliveries/route.ts";
import { POST as rotateRoute } from "../../app/api/v1/teams/[team]/webhooks/[id]/rotate-secret/route.ts";
import { PATCH as patchRoute } from "../../app/api/v1/teams/[team]/webhooks/[id]/route.ts";
import { POST as testRoute } from "../../app/api/v1/teams/[team]/webhooks/[id]/test/route.ts";
import { POST as createRoute } from "../../app/api/v1/teams/[team]/webhooks/route.ts";
import { createAnnotation } from "../../lib/annotations/create-annotation.ts";
import { db } from "../../lib/db.ts";
import { recordEvent } from "../../lib/events/record-event.ts";
import { stopJobQueue } from "../../lib/jobs/job-queue.ts";
import { reviewAnnotation } from "../../lib/reviews/review-annotation.ts";
import { startWebhookDelivery } from "../../lib/webhooks/start-webhook-delivery.ts";
import { callJson, sessionCookie, type TestAuth } from "../support/api.ts";
import { spanOf } from "../support/demo-text.ts";
import { createTeamWithMembers, type TestTeam } from "../support/factories.ts";
import { importDemoArticle, startTestJobQueue } from "../support/webhook-fixtures.ts";
import { startTestReceiver, type TestReceiver, waitFor } from "../support/webhook-receiver.ts";

let team: TestTeam;
let other: TestTeam;
let admin: TestAuth;
let receiver: TestReceiver;
let articleId: string;

interface CreatedEndpoint {
  id: string;
  secret: string;
}

async function register(path: string, events: string[], extra: Record<string, unknown> = {}, who = team) {
  const { status, body } = await callJson(createRoute, `/api/v1/teams/${who.slug}/webhooks`, {
    method: "POST",
    auth: who === team ? admin : { cookie: await sessionCookie(who.admin) },
    params: { team: who.slug },
    body: { url: `${receiver.url}${path}`, events, ...extra },
  });
  expect(status).toBe(201);
  receiver.secrets.push(body.secret);
  return body as CreatedEndpoint;
}

async function emit(teamId: string, type = "article.updated", data: Record<string, unknown> = { n: 1 }) {
  await db.$transaction((tx) => recordEvent(tx, { teamId, type: type as "article.updated", data }));
}

async function deliveriesOf(endpointId: string) {
  const { status, body } = await callJson(
    deliveriesRoute,
    `/api/v1/teams/${team.slug}/webhooks/${endpointId}/deliveries`,
    {
      auth: admin,
      params: { team: team.slug, id: endpointId },
    },
  );
  expect(status).toBe(200);
  return body.deliveries as Array<{
    id: string;
    status: string;
    eventId: string;
    attempts: Array<{
      attempt: number;
      statusCode: number | null;
      response: string | null;
      error: string | null;
      durationMs: number;
      nextAttemptAt: string | null;
    }>;
  }>;
}

beforeAll(async () => {
  team = await createTeamWithMembers();
  other = await createTeamWithMembers();
  admin = { cookie: await sessionCookie(team.admin) };
  receiver = await startTestReceiver();
  // The loopback receiver is a private address: the fetcher reaches it only when allowed.
  process.env.FETCH_ALLOW_HOSTS = new URL(receiver.url).host;
  const queue = await startTestJobQueue();
  await startWebhookDelivery(queue.boss, queue.pool);
  articleId = (await importDemoArticle(team.annotator.actor, team.slug)).id;
});

afterAll(async () => {
  await stopJobQueue(1);
  await receiver.close();
});

describe("delivery", () => {
  it("retries 500, 500, 200 as three attempts with the same webhook-id, each verified, and logs them", async () => {
    const endpoint = await register("/flaky", ["article.updated"]);
    receiver.script("/flaky", [{ status: 500, body: "<b>down</b>" }, { status: 500 }]);
    await emit(team.id);
    const got = await waitFor(
      () => (receiver.at("/flaky").length >= 3 ? receiver.at("/flaky") : null),
      15_000,
      "3 attempts",
    );
    const ids = new Set(got.map((delivery) => delivery.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^evt_\d+$/);
    for (const delivery of got) {
      expect(delivery.verifiedBy.length).toBeGreaterThan(0);
      expect(JSON.parse(delivery.body)).toMatchObject({ type: "article.updated", data: { n: 1 } });
    }
    const log = await waitFor(async () => {
      const [delivery] = await deliveriesOf(endpoint.id);
      return delivery?.status === "succeeded" ? delivery : null;
    });
    expect(log.attempts.map((attempt) => attempt.statusCode)).toEqual([200, 500, 500]);
    expect(log.attempts[2]!.response).toBe("<b>down</b>");
    expect(log.attempts[2]!.nextAttemptAt).not.toBeNull();
    expect(log.attempts[0]!.nextAttemptAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.at("/flaky")).toHaveLength(3);
  });

  it("honours Retry-After on 429", async () => {
    await register("/busy", ["article.updated"]);
    receiver.script("/busy", [{ status: 429, headers: { "retry-after": "2" } }]);
    await emit(team.id);
    const got = await waitFor(
      () => (receiver.at("/busy").length >= 2 ? receiver.at("/busy") : null),
      15_000,
      "2 attempts",
    );
    // The schedule alone would retry after 0.3 s.
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(1900);
  });

  it("does not follow a redirect: it is a failure, and retried", async () => {
    const endpoint = await register("/moved", ["article.updated"]);
    receiver.script("/moved", [{ status: 302, headers: { location: `${receiver.url}/elsewhere` } }]);
    await emit(team.id);
    await waitFor(() => receiver.at("/moved").length >= 2, 15_000, "the retry");
    expect(receiver.at("/elsewhere")).toHaveLength(0);
    const [log] = await deliveriesOf(endpoint.id);
    const first = log!.attempts.at(-1)!;
    expect(first.statusCode).toBe(302);
    expect(first.error).toMatch(/redirect/);
  });

  it("disables the endpoint at once on 410 and notifies the admins", async () => {
    const endpoint = await register("/gone", ["article.updated"]);
    receiver.script("/gone", [], { status: 410 });
    await emit(team.id);
    await waitFor(
      async () => !(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled,
    );
    await emit(team.id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.at("/gone")).toHaveLength(1);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.disabledReason).toMatch(/410/);
    const notes = await db.notification.findMany({
      where: { kind: "webhook.disabled", userId: team.admin.id },
    });
    expect(notes.some((note) => (note.payload as { endpointId: string }).endpointId === endpoint.id)).toBe(
      true,
    );
    expect(
      await db.notification.count({ where: { kind: "webhook.disabled", userId: team.moderator.id } }),
    ).toBe(0);
  });

  it("disables an endpoint that fails a whole schedule, then redelivers after it is enabled again", async () => {
    const endpoint = await register("/broken", ["article.updated"]);
    receiver.script("/broken", [], { status: 500 });
    await emit(team.id);
    await waitFor(
      async () => !(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled,
      15_000,
      "disabled",
    );
    // The first attempt and one per delay.
    expect(receiver.at("/broken")).toHaveLength(4);
    const [failed] = await deliveriesOf(endpoint.id);
    expect(failed!.status).toBe("failed");
    const notes = await db.notification.findMany({
      where: { kind: "webhook.disabled", userId: team.admin.id },
    });
    expect(notes.some((note) => (note.payload as { endpointId: string }).endpointId === endpoint.id)).toBe(
      true,
    );

    // Redelivering to a disabled endpoint is refused; enabled again, it goes out with the same id.
    const path = `/api/v1/teams/${team.slug}/webhooks/${endpoint.id}/deliveries/${failed!.id}/redeliver`;
    const params = { team: team.slug, id: endpoint.id, deliveryId: failed!.id };
    expect((await callJson(redeliverRoute, path, { method: "POST", auth: admin, params })).status).toBe(409);
    const enabled = await callJson(patchRoute, `/api/v1/teams/${team.slug}/webhooks/${endpoint.id}`, {
      method: "PATCH",
      auth: admin,
      params: { team: team.slug, id: endpoint.id },
      body: { enabled: true },
    });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null });
    receiver.script("/broken", []);
    const again = await callJson(redeliverRoute, path, { method: "POST", auth: admin, params });
    expect(again.status).toBe(202);
    await waitFor(() => receiver.at("/broken").length >= 5, 15_000, "the redelivery");
    const all = receiver.at("/broken");
    expect(all[4]!.headers["webhook-id"]).toBe(all[0]!.headers["webhook-id"]);
    const [redelivered] = await waitFor(async () => {
      const log = await deliveriesOf(endpoint.id);
      return log[0]?.status === "succeeded" ? log : null;
    });
    expect(redelivered!.attempts[0]).toMatchObject({ attempt: 5, statusCode: 200 });
    // A delivery still on its schedule (or another endpoint's id) cannot be redelivered.
    const wrong = await callJson(redeliverRoute, path.replace(failed!.id, crypto.randomUUID()), {
      method: "POST",
      auth: admin,
      params: { ...params, deliveryId: crypto.randomUUID() },
    });
    expect(wrong.status).toBe(404);
  });

  it("sends only the events an endpoint chose, only of its own team", async () => {
    await register("/reviews-only", ["annotation.reviewed"]);
    await register("/other-team", ["annotation.created", "annotation.reviewed"], {}, other);
    const created = await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "fact", ...spanOf("at least 1,335 civilians") },
    });
    await reviewAnnotation({
      actor: team.moderator.actor,
      annotationId: created.id,
      input: { decision: "approve" },
    });
    await waitFor(() => receiver.at("/reviews-only").length >= 1, 15_000, "the review");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const got = receiver.at("/reviews-only");
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0]!.body)).toMatchObject({
      type: "annotation.reviewed",
      data: { annotation: { id: created.id, status: "approved" } },
    });
    expect(receiver.at("/other-team")).toHaveLength(0);
  });

  it("posts a readable Slack message in the slack format", async () => {
    await register("/slack", ["annotation.reviewed"], { format: "slack" });
    const created = await createAnnotation({
      actor: team.annotator.actor,
      articleId,
      input: { label: "fact", ...spanOf("34,573 airstrikes") },
    });
    await reviewAnnotation({
      actor: team.moderator.actor,
      annotationId: created.id,
      input: { decision: "approve" },
    });
    const [message] = await waitFor(() => (receiver.at("/slack").length ? receiver.at("/slack") : null));
    const body = JSON.parse(message!.body) as { text: string };
    expect(body.text).toBe(
      `${team.moderator.name} approved *fact* "34,573 airstrikes" in <http://localhost:3000/t/${team.slug}/articles/${articleId}|US-Led Coalition Airstrikes>`.replace(
        "http://localhost:3000",
        (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, ""),
      ),
    );
    expect(message!.verifiedBy.length).toBeGreaterThan(0);
  });

  it("signs with both secrets for a day after a rotation", async () => {
    const endpoint = await register("/rotated", ["article.updated"]);
    const oldIndex = receiver.secrets.indexOf(endpoint.secret);
    const rotated = await callJson(
      rotateRoute,
      `/api/v1/teams/${team.slug}/webhooks/${endpoint.id}/rotate-secret`,
      {
        method: "POST",
        auth: admin,
        params: { team: team.slug, id: endpoint.id },
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    receiver.secrets.push(rotated.body.secret);
    const newIndex = receiver.secrets.length - 1;
    await emit(team.id);
    const [delivery] = await waitFor(() => (receiver.at("/rotated").length ? receiver.at("/rotated") : null));
    expect(String(delivery!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(delivery!.verifiedBy).toEqual(expect.arrayContaining([oldIndex, newIndex]));

    // After the grace period only the new secret signs.
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    await emit(team.id);
    await waitFor(() => receiver.at("/rotated").length >= 2);
    const later = receiver.at("/rotated")[1]!;
    expect(String(later.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(later.verifiedBy).toEqual([newIndex]);
  });

  it("refuses, through the fetcher, a private address that FETCH_ALLOW_HOSTS does not list", async () => {
    const endpoint = await register("/not-listed", ["article.updated"]);
    const allowed = process.env.FETCH_ALLOW_HOSTS;
    process.env.FETCH_ALLOW_HOSTS = "";
    try {
      await emit(team.id);
      const [log] = await waitFor(async () => {
        const deliveries = await deliveriesOf(endpoint.id);
        return deliveries[0]?.attempts.length ? deliveries : null;
      });
      expect(log!.attempts.at(-1)).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^fetch_blocked_address/),
      });
      expect(receiver.at("/not-listed")).toHaveLength(0);
    } finally {
      process.env.FETCH_ALLOW_HOSTS = allowed;
    }
  });

  it("keeps only the first 1 KB of a long answer", async () => {
    const endpoint = await register("/chatty", ["article.updated"]);
    receiver.script("/chatty", [{ status: 200, body: "é".repeat(2000) }]);
    await emit(team.id);
    const [log] = await waitFor(async () => {
      const deliveries = await deliveriesOf(endpoint.id);
      return deliveries[0]?.status === "succeeded" ? deliveries : null;
    });
    expect(Buffer.byteLength(log!.attempts[0]!.response!)).toBeLessThanOrEqual(1024);
    expect(log!.attempts[0]!.response!.startsWith("éé")).toBe(true);
  });

  it("sends nothing unsigned when the stored secret cannot be decrypted, and logs why", async () => {
    const endpoint = await register("/unreadable", ["article.updated"]);
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { secretCipher: "v1.AAAA.BBBB.CCCC" },
    });
    await emit(team.id);
    const [log] = await waitFor(async () => {
      const deliveries = await deliveriesOf(endpoint.id);
      return deliveries[0]?.attempts.length ? deliveries : null;
    });
    expect(log!.attempts.at(-1)!.error).toMatch(/cannot be decrypted/);
    expect(receiver.at("/unreadable")).toHaveLength(0);
  });

  it("sends a test event on request", async () => {
    const endpoint = await register("/test-button", ["article.created"]);
    const { status, body } = await callJson(
      testRoute,
      `/api/v1/teams/${team.slug}/webhooks/${endpoint.id}/test`,
      {
        method: "POST",
        auth: admin,
        params: { team: team.slug, id: endpoint.id },
      },
    );
    expect(status).toBe(202);
    const [delivery] = await waitFor(() =>
      receiver.at("/test-button").length ? receiver.at("/test-button") : null,
    );
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: "webhook.test" });
    const log = await deliveriesOf(endpoint.id);
    expect(log[0]).toMatchObject({ id: body.deliveryId, eventType: "webhook.test" });
  });
});
