import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { authorizeCollabConnection } from "./authorize-connection.ts";

export type { CollabContext } from "./authorize-connection.ts";

/**
 * The Hocuspocus extension that admits a connection only for a signed-in member of the
 * article's team (session cookie of the upgrade request) and makes it read-only unless the
 * document is the body and the member may correct articles. The admitted CollabContext
 * becomes the connection's context for later extensions.
 * @throws CollabRefusal (inside the hook) to refuse the connection
 */
export function createAuthenticationExtension(): Extension {
  return {
    extensionName: "proofmark-authentication",
    // Runs before every other extension's onAuthenticate/onLoadDocument.
    priority: 1000,
    async onAuthenticate({ documentName, requestHeaders, connectionConfig }: onAuthenticatePayload) {
      // Read-only until proven otherwise, so no failure below can leave a connection writable.
      connectionConfig.readOnly = true;
      const context = await authorizeCollabConnection(documentName, requestHeaders);
      connectionConfig.readOnly = context.readOnly;
      return context;
    },
  };
}
