// Starts the collaboration endpoint exactly as server.ts wires it (an HTTP server whose
// upgrades go through attachCollab to Hocuspocus), without Next, on a free port.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Hocuspocus } from "@hocuspocus/server";
import { type CollabServerOptions, closeCollabServer, createCollabServer } from "../../lib/collab/server.ts";
import { attachCollab, COLLAB_PATH } from "../../lib/collab/upgrade.ts";

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
