import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createAnnotationRoute } from "../../app/api/v1/articles/[id]/annotations/route.ts";
import { ANNOTATIONS_MAP } from "../../lib/annotations/live-entry.ts";
import { insertArticle } from "../../lib/articles/create-article.ts";
import { annotationsDocumentName, bodyDocumentName } from "../../lib/collab/document-name.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { db } from "../../lib/db.ts";
import { callJson } from "../support/api.ts";
import { connectTestClient, eventually, type TestClient } from "../support/collab-client.ts";
import { createTestArticle, createTestMember, createTestTeam } from "../support/collab-fixtures.ts";
import {
  type CollabTestServer,
  startRedisCollabServers,
  stopRedisCollabServers,
} from "../support/collab-server.ts";

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)("several instances through Redis", () => {
  let servers: CollabTestServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    servers = await startRedisCollabServers(redisUrl!);
  });

  afterAll(async () => {
    await stopRedisCollabServers(servers, clients);
  });

  it("relays a moderator's edit on one instance to a viewer on the other, and not a viewer's", async () => {
    const teamId = (await createTestTeam()).id;
    const moderator = await createTestMember(teamId, "MODERATOR");
    const viewer = await createTestMember(teamId, "VIEWER");
    const name = bodyDocumentName((await createTestArticle(teamId, moderator.userId)).id);
    const writer = connectTestClient(servers[0]!.url, name, moderator.cookie);
    const reader = connectTestClient(servers[1]!.url, name, viewer.cookie);
    clients.push(writer, reader);
    expect(await writer.outcome).toEqual({ authenticated: true, readOnly: false });
    expect(await reader.outcome).toEqual({ authenticated: true, readOnly: true });
    await Promise.all([writer.synced(), reader.synced()]);

    reader.doc.getMap("probe").set("forged", true);
    writer.doc.getMap("probe").set("edit", "through redis");
    await eventually(
      () => reader.doc.getMap("probe").get("edit") === "through redis",
      "edit crosses instances",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(writer.doc.getMap("probe").get("forged")).toBeUndefined();
    expect(servers[0]!.hocuspocus.documents.get(name)?.getMap("probe").get("forged")).toBeUndefined();
  });

  it("publishes an annotation created on an instance that does not hold the document to clients of another", async () => {
    const teamId = (await createTestTeam()).id;
    const annotator = await createTestMember(teamId, "ANNOTATOR");
    const viewer = await createTestMember(teamId, "VIEWER");
    const { id: articleId } = await db.$transaction((tx) =>
      insertArticle(tx, {
        teamId,
        importedById: annotator.userId,
        title: "Shared",
        format: "text",
        content: "Figures first.",
      }),
    );
    const name = annotationsDocumentName(articleId);
    const reader = connectTestClient(servers[1]!.url, name, viewer.cookie);
    clients.push(reader);
    expect(await reader.outcome).toEqual({ authenticated: true, readOnly: true });
    await reader.synced();
    // The request is served by instance 0, where nobody has the article open.
    registerCollabInstance(servers[0]!.hocuspocus);
    expect(servers[0]!.hocuspocus.documents.has(name)).toBe(false);
    const { status, body } = await callJson(
      createAnnotationRoute,
      `/api/v1/articles/${articleId}/annotations`,
      {
        method: "POST",
        auth: { cookie: annotator.cookie },
        params: { id: articleId },
        body: { label: "fact", start: 0, end: 4 },
      },
    );
    expect(status).toBe(201);
    await eventually(
      () => reader.doc.getMap(ANNOTATIONS_MAP).has(body.id),
      "the annotation crosses instances",
      5000,
    );
  });
});
