// Open connections are re-authorized while they live: access that ends, ends on the websocket too.
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { bodyDocumentName } from "../../lib/collab/document-name.ts";
import { db } from "../../lib/db.ts";
import { connectTestClient, eventually, settleFor, type TestClient } from "../support/collab-client.ts";
import { createTestArticle, createTestMember, createTestTeam } from "../support/collab-fixtures.ts";
import { type CollabTestServer, startCollabTestServer } from "../support/collab-server.ts";

let server: CollabTestServer;
let teamId: string;
let articleId: string;
const clients: TestClient[] = [];

async function open(cookie: string): Promise<TestClient> {
  const client = connectTestClient(server.url, bodyDocumentName(articleId), cookie);
  clients.push(client);
  expect((await client.outcome).authenticated).toBe(true);
  await client.synced();
  return client;
}

beforeAll(async () => {
  server = await startCollabTestServer({ accessRecheckIntervalMs: 100 });
  teamId = (await createTestTeam()).id;
  const owner = await createTestMember(teamId, "ADMIN");
  articleId = (await createTestArticle(teamId, owner.userId)).id;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

afterAll(async () => {
  await server?.close();
});

it("closes the connection of a session revoked while it is open", async () => {
  const member = await createTestMember(teamId, "MODERATOR");
  const bystander = await createTestMember(teamId, "VIEWER");
  const client = await open(member.cookie);
  const other = await open(bystander.cookie);
  await db.session.update({ where: { id: member.sessionId }, data: { revokedAt: new Date() } });
  await eventually(() => client.closedWith() === "access-revoked", "revoked session is cut off");
  await settleFor(250);
  expect(other.closedWith()).toBeNull();
});

it("closes the connection of a member removed from the team", async () => {
  const member = await createTestMember(teamId, "ANNOTATOR");
  const client = await open(member.cookie);
  await db.membership.deleteMany({ where: { teamId, userId: member.userId } });
  await eventually(() => client.closedWith() === "access-revoked", "removed member is cut off");
});

it("stops applying a moderator's writes once demoted to viewer", async () => {
  const member = await createTestMember(teamId, "MODERATOR");
  const watcher = await open((await createTestMember(teamId, "ADMIN")).cookie);
  const client = await open(member.cookie);

  client.doc.getMap("probe").set("before", true);
  await eventually(() => watcher.doc.getMap("probe").get("before") === true, "write before demotion arrives");

  await db.membership.updateMany({ where: { teamId, userId: member.userId }, data: { role: "VIEWER" } });
  const connection = () =>
    server.hocuspocus.documents
      .get(bodyDocumentName(articleId))
      ?.getConnections()
      .find((c) => c.context?.actor?.userId === member.userId);
  await eventually(() => connection()?.readOnly === true, "connection becomes read-only");

  client.doc.getMap("probe").set("after", true);
  watcher.doc.getMap("probe").set("control", true);
  await eventually(() => client.doc.getMap("probe").get("control") === true, "control write arrives");
  await settleFor();
  expect(watcher.doc.getMap("probe").get("after")).toBeUndefined();
  expect(client.closedWith()).toBeNull();
});

it("closes connections to an article deleted while they are open", async () => {
  const member = await createTestMember(teamId, "ADMIN");
  const doomed = await createTestArticle(teamId, member.userId);
  const client = connectTestClient(server.url, bodyDocumentName(doomed.id), member.cookie);
  clients.push(client);
  expect((await client.outcome).authenticated).toBe(true);
  await db.article.update({ where: { id: doomed.id }, data: { deletedAt: new Date() } });
  await eventually(() => client.closedWith() === "access-revoked", "deleted article's connection is cut off");
});
