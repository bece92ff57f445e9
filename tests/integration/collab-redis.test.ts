// Two instances sharing live documents through Redis, as behind a load balancer. Needs a Redis
// server: it runs when REDIS_URL is set (CI and these machines have one on 127.0.0.1:6379).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyDocumentName } from "../../lib/collab/document-name.ts";
import { createRedisExtension } from "../../lib/collab/redis.ts";
import { connectTestClient, eventually, type TestClient } from "../support/collab-client.ts";
import { createTestArticle, createTestMember, createTestTeam } from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

const redisUrl = process.env.REDIS_URL;

describe.runIf(redisUrl)("several instances through Redis", () => {
  const servers: CollabTestServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    // A prefix of its own, so parallel runs never see each other's documents.
    const prefix = `proofmark-test-${randomUUID()}`;
    for (let i = 0; i < 2; i++) {
      servers.push(await startCollabTestServer({ extensions: [createRedisExtension(redisUrl!, prefix)] }));
    }
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const server of servers) await server.close();
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
});
