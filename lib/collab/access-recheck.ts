import type { Connection, connectedPayload, Extension } from "@hocuspocus/server";
import { getLogger } from "../observability/logger.ts";
import { authorizeCollabConnection, type CollabContext } from "./authorize-connection.ts";
import { parseDocumentName } from "./document-name.ts";
import { type AccessChangeListener, listenAccessChanges } from "./listen-access-changes.ts";
import { CollabRefusal } from "./refusal.ts";
import type { TAccessChange } from "./signal-access-change.ts";

/** The close event a connection gets when its access ended while it was open. */
export const ACCESS_REVOKED = { code: 4403, reason: "access-revoked" } as const;

/** How often open connections are re-authorized unless configured otherwise (the backstop). */
export const DEFAULT_ACCESS_RECHECK_INTERVAL_MS = 30_000;

// A connection admitted just before a change committed may be registered only after its signal
// was handled; signals this recent are replayed against every newly registered connection.
const RECENT_SIGNAL_WINDOW_MS = 10_000;
const RECENT_SIGNAL_LIMIT = 1000;

export interface AccessRecheckOptions {
  /** How often every open connection is re-authorized (0 turns the periodic re-check off). */
  intervalMs?: number;
  /**
   * Where to LISTEN for access-change signals (see signal-access-change.ts); by default
   * DATABASE_URL when the first connection opens. `false` turns signals off.
   */
  signals?: false | { connectionString: () => string | undefined };
}

/** Which connections a re-check covers: all of them, or those a signal names. */
type Scope = "all" | TAccessChange[];

function contextOf(connection: Connection): Partial<CollabContext> {
  return (connection.context ?? {}) as Partial<CollabContext>;
}

function isAffected(connection: Connection, change: TAccessChange): boolean {
  const context = contextOf(connection);
  switch (change.kind) {
    case "user":
      return context.actor?.userId === change.userId;
    case "member":
      return context.actor?.userId === change.userId && context.teamId === change.teamId;
    case "article":
      return parseDocumentName(connection.document.name)?.articleId === change.articleId;
  }
}

/**
 * The Hocuspocus extension that re-authorizes open connections: at once for those an
 * access-change signal names (sign-out, disabled user, removed member, changed role, archived or
 * deleted article, from any instance or script, through PostgreSQL LISTEN/NOTIFY), when the
 * signal connection is (re-)established, and every `intervalMs` as a backstop. Connections that
 * lost access are closed with ACCESS_REVOKED; a changed role changes whether they may write.
 * Asks PostgreSQL, not local state; a database failure keeps connections as they are.
 * @throws nothing
 */
export function createAccessRecheckExtension(options: AccessRecheckOptions = {}): Extension {
  const intervalMs = options.intervalMs ?? DEFAULT_ACCESS_RECHECK_INTERVAL_MS;
  const signals = options.signals ?? { connectionString: () => process.env.DATABASE_URL };
  const live = new Set<Connection>();
  const recent: { change: TAccessChange; at: number }[] = [];
  let timer: NodeJS.Timeout | null = null;
  let listener: AccessChangeListener | null = null;
  let destroyed = false;
  // Re-checks run one after another, so an answer read before a change can never overwrite
  // one read after it; requests that arrive meanwhile are merged into the next run.
  let pending: Scope | null = null;
  let draining = false;

  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  const reauthorize = async (scope: Scope) => {
    // One check per (document, session cookie), however many tabs share it.
    const groups = new Map<string, Connection[]>();
    for (const connection of live) {
      if (scope !== "all" && !scope.some((change) => isAffected(connection, change))) continue;
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
  };

  const drain = async () => {
    draining = true;
    try {
      while (pending) {
        const scope = pending;
        pending = null;
        await reauthorize(scope);
      }
    } catch (error) {
      getLogger().error({ err: error }, "[collab] re-checking access failed");
    } finally {
      draining = false;
    }
  };

  const request = (scope: Scope) => {
    if (scope === "all" || pending === "all") pending = "all";
    else pending = [...(pending ?? []), ...scope];
    if (!draining) void drain();
  };

  const onChange = (change: TAccessChange) => {
    const now = Date.now();
    while (
      recent.length > 0 &&
      (recent.length >= RECENT_SIGNAL_LIMIT || recent[0]!.at < now - RECENT_SIGNAL_WINDOW_MS)
    )
      recent.shift();
    recent.push({ change, at: now });
    request([change]);
  };

  const startListening = () => {
    if (listener || destroyed || !signals) return;
    const connectionString = signals.connectionString();
    if (!connectionString) return;
    listener = listenAccessChanges({
      connectionString,
      onChange,
      // Signals sent while nobody listened are lost: re-check everything once.
      onListening: () => request("all"),
    });
  };

  return {
    extensionName: "proofmark-access-recheck",
    async connected({ connection }: connectedPayload) {
      live.add(connection);
      connection.onClose(() => {
        live.delete(connection);
        if (live.size === 0) stopTimer();
      });
      startListening();
      const cutoff = Date.now() - RECENT_SIGNAL_WINDOW_MS;
      const missed = recent.filter(({ change, at }) => at >= cutoff && isAffected(connection, change));
      if (missed.length > 0) request(missed.map(({ change }) => change));
      if (!timer && intervalMs > 0) {
        timer = setInterval(() => request("all"), intervalMs);
        timer.unref();
      }
    },
    async onDestroy() {
      destroyed = true;
      stopTimer();
      live.clear();
      await listener?.close();
      listener = null;
    },
  };
}
