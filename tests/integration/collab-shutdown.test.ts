// Shutting the collaboration server down stores pending changes instead of losing them.
import type { Extension, onStoreDocumentPayload } from "@hocuspocus/server";
import { expect, it } from "vitest";
import WebSocket from "ws";
import { bodyDocumentName } from "../../lib/collab/document-name.ts";
import { connectTestClient, eventually } from "../support/collab-client.ts";
import { createTestArticle, createTestMember, createTestTeam } from "../support/collab-fixtures.ts";
import { startCollabTestServer } from "../support/collab-server.ts";

it("stores a document with changes still waiting for their debounce when the server closes", async () => {
  const stored: Array<{ name: string; value: unknown }> = [];
  const recorder: Extension = {
    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      stored.push({ name: documentName, value: document.getMap("probe").get("edit") });
    },
  };
  // A debounce far longer than the test: only the shutdown can trigger the store.
  const server = await startCollabTestServer({
    extensions: [recorder],
    debounce: 60_000,
    maxDebounce: 120_000,
  });
  const teamId = (await createTestTeam()).id;
  const admin = await createTestMember(teamId, "ADMIN");
  const name = bodyDocumentName((await createTestArticle(teamId, admin.userId)).id);
  const client = connectTestClient(server.url, name, admin.cookie);
  try {
    expect((await client.outcome).authenticated).toBe(true);
    await client.synced();
    client.doc.getMap("probe").set("edit", "unsaved");
    await eventually(
      () => server.hocuspocus.documents.get(name)?.getMap("probe").get("edit") === "unsaved",
      "edit reaches the server",
    );
    expect(stored).toEqual([]);
    await server.close();
    expect(stored).toContainEqual({ name, value: "unsaved" });
    expect(server.hocuspocus.getDocumentsCount()).toBe(0);
  } finally {
    client.destroy();
  }
});

it("answers upgrades to other paths with 404", async () => {
  const server = await startCollabTestServer();
  try {
    const status = await new Promise<number | string>((resolve) => {
      const socket = new WebSocket(server.url.replace("/collab", "/elsewhere"));
      socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      socket.on("open", () => resolve("open"));
      socket.on("error", () => resolve("error"));
    });
    expect(status).toBe(404);
  } finally {
    await server.close();
  }
});
