// Starts the collaboration endpoint exactly as server.ts wires it (an HTTP server whose
// upgrades go through attachCollab to Hocuspocus), without Next, on a free port; and the "live"
// variant the API tests publish to (bodies persisted, annotation state published, registered).

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Hocuspocus } from "@hocuspocus/server";
import { createAnnotationStateExtension } from "../../lib/collab/annotation-state.ts";
import { createBodyPersistenceExtension } from "../../lib/collab/body-persistence.ts";
import { registerCollabInstance } from "../../lib/collab/instance.ts";
import { createRedisExtension } from "../../lib/collab/redis.ts";
import { type CollabServerOptions, closeCollabServer, createCollabServer } from "../../lib/collab/server.ts";
import { attachCollab, COLLAB_PATH } from "../../lib/collab/upgrade.ts";
import type { TestClient } from "./collab-client.ts";

export interface CollabTestServer {
  /** ws://127.0.0.1:<port>/collab */
  url: string;
  hocuspocus: Hocuspocus;
  close(): Promise<void>;
}

export async function startCollabTestServer(
  options: CollabServerOptions & { maxPayload?: number } = {},
): Promise<CollabTestServer> {
  const httpServer = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const hocuspocus = createCollabServer(options);
  const attached = attachCollab(httpServer, hocuspocus, { maxPayload: options.maxPayload });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}${COLLAB_PATH}`,
    hocuspocus,
    async close() {
      await closeCollabServer(hocuspocus, 1000);
      await attached.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/**
 * The collaboration server the API routes publish to: article bodies persisted and annotation
 * state published (`options.extensions` are added after those two), a short debounce unless
 * given, and registered as this process's collaboration instance.
 */
export async function startLiveCollabServer(options: CollabServerOptions = {}): Promise<CollabTestServer> {
  const server = await startCollabTestServer({
    debounce: 50,
    maxDebounce: 200,
    ...options,
    extensions: [
      createBodyPersistenceExtension(),
      createAnnotationStateExtension(),
      ...(options.extensions ?? []),
    ],
  });
  registerCollabInstance(server.hocuspocus);
  return server;
}

/** Ends a live server's test file: destroys its clients, unregisters the instance, closes the server. */
export async function stopLiveCollabServer(server: CollabTestServer, clients: TestClient[]): Promise<void> {
  for (const client of clients) client.destroy();
  registerCollabInstance(undefined);
  await server.close();
}

/**
 * Instances (two by default) sharing live documents through Redis, as behind a load balancer:
 * annotation state published, under a key prefix of their own so parallel runs never see each
 * other's documents.
 */
export async function startRedisCollabServers(redisUrl: string, count = 2): Promise<CollabTestServer[]> {
  const prefix = `proofmark-test-${randomUUID()}`;
  const servers: CollabTestServer[] = [];
  for (let i = 0; i < count; i++) {
    servers.push(
      await startCollabTestServer({
        extensions: [createAnnotationStateExtension(), createRedisExtension(redisUrl, prefix)],
      }),
    );
  }
  return servers;
}

/** Ends Redis instances: unregisters the process's instance, destroys the clients, closes each server. */
export async function stopRedisCollabServers(
  servers: CollabTestServer[],
  clients: TestClient[],
): Promise<void> {
  registerCollabInstance(undefined);
  for (const client of clients) client.destroy();
  for (const server of servers) await server.close();
}
