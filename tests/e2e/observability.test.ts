// Through the real production server (npm start): every response carries its request id, error
// bodies repeat it, an audit event written by a route handler records it (the id crosses from
// server.ts into Next's bundled route code), and /metrics is behind its bearer token.
import { describe, expect, inject, it } from "vitest";
import { db } from "../../lib/db.ts";
import { createApiToken } from "../support/factories.ts";
import { E2E_METRICS_TOKEN } from "../support/global-e2e.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("request ids and metrics on the production server", () => {
  it("answers every request with an x-request-id, repeated in error bodies; keeps a safe incoming one", async () => {
    const baseUrl = inject("baseUrl");
    const refused = await fetch(`${baseUrl}/api/v1/teams`);
    expect(refused.status).toBe(401);
    const id = refused.headers.get("x-request-id");
    expect(id).toMatch(UUID);
    expect(((await refused.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
    const page = await fetch(`${baseUrl}/signin`, { headers: { "x-request-id": "e2e-page-000001" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("x-request-id")).toBe("e2e-page-000001");
  });

  it("records the request id in the audit event a route handler writes", async () => {
    const baseUrl = inject("baseUrl");
    const team = await db.team.findUniqueOrThrow({ where: { slug: "demo-desk" } });
    const admin = await db.membership.findFirstOrThrow({ where: { teamId: team.id, role: "ADMIN" } });
    const token = await createApiToken({
      teamId: team.id,
      createdById: admin.userId,
      scopes: ["READ", "ANNOTATE"],
    });
    const response = await fetch(`${baseUrl}/api/v1/teams/demo-desk/articles`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token.secret}`,
        "content-type": "application/json",
        "x-request-id": "e2e-audit-000001",
      },
      body: JSON.stringify({ title: "Request id probe", format: "text", content: "One sentence to import." }),
    });
    expect(response.status).toBe(201);
    const article = (await response.json()) as { id: string };
    const events = await db.auditEvent.findMany({ where: { entityId: article.id } });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.requestId === "e2e-audit-000001")).toBe(true);
  });

  it("serves /metrics only with the bearer token, with HTTP durations by route pattern", async () => {
    const baseUrl = inject("baseUrl");
    expect((await fetch(`${baseUrl}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${baseUrl}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } }))
        .status,
    ).toBe(401);
    const response = await fetch(`${baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(
      /proofmark_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/teams",status="401"\} \d+/,
    );
    expect(text).toMatch(/proofmark_db_pool_connections\{state="max"\} \d+/);
    expect(text).toContain("# TYPE proofmark_collab_websockets_open gauge");
    expect(text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
    // The job queue (pg-boss) registered its depth when the server started it.
    expect(text).toMatch(/proofmark_job_queue_depth\{queue="webhook-delivery"\} \d+/);
  });
});
