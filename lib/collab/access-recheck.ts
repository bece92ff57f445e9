import type { Connection, connectedPayload, Extension } from "@hocuspocus/server";
import { authorizeCollabConnection } from "./authorize-connection.ts";
import { CollabRefusal } from "./refusal.ts";

/** The close event a connection gets when its access ended while it was open. */
export const ACCESS_REVOKED = { code: 4403, reason: "access-revoked" } as const;

/** How often open connections are re-authorized unless configured otherwise. */
export const DEFAULT_ACCESS_RECHECK_INTERVAL_MS = 30_000;

/**
 * The Hocuspocus extension that re-authorizes open connections every `intervalMs`: a signed-out
 * or disabled user, a removed member and a deleted article lose their connections, and a
 * changed role changes whether the connection may write. Works across instances because it
 * asks PostgreSQL, not local state. A database failure keeps connections as they are.
 * @throws nothing
 */
export function createAccessRecheckExtension(intervalMs = DEFAULT_ACCESS_RECHECK_INTERVAL_MS): Extension {
  const live = new Set<Connection>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  const recheck = async () => {
    if (running) return;
    running = true;
    try {
      // One check per (document, session cookie), however many tabs share it.
      const groups = new Map<string, Connection[]>();
      for (const connection of live) {
        const key = `${connection.document.name}\n${connection.request.headers.cookie ?? ""}`;
        groups.set(key, [...(groups.get(key) ?? []), connection]);
      }
      for (const connections of groups.values()) {
        const [first] = connections;
        if (!first) continue;
        try {
          const context = await authorizeCollabConnection(first.document.name, first.request.headers);
          for (const connection of connections) {
            connection.readOnly = context.readOnly;
            Object.assign(connection.context, { role: context.role, readOnly: context.readOnly });
          }
        } catch (error) {
          if (!(error instanceof CollabRefusal) || error.reason === "unavailable") continue;
          for (const connection of connections) {
            live.delete(connection);
            connection.close(ACCESS_REVOKED);
          }
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    extensionName: "proofmark-access-recheck",
    async connected({ connection }: connectedPayload) {
      live.add(connection);
      connection.onClose(() => {
        live.delete(connection);
        if (live.size === 0) stop();
      });
      if (!timer) {
        timer = setInterval(() => void recheck(), intervalMs);
        timer.unref();
      }
    },
    async onDestroy() {
      stop();
      live.clear();
    },
  };
}
