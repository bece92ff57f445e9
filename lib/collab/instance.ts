import type { Hocuspocus } from "@hocuspocus/server";

// server.ts and Next's route handlers are bundled separately, so module state is not shared
// between them; the running Hocuspocus instance is handed over on globalThis.
const registry = globalThis as unknown as { proofmarkCollab?: Hocuspocus };

/** Makes the running collaboration server reachable from route handlers and server actions. */
export function registerCollabInstance(instance: Hocuspocus | undefined): void {
  registry.proofmarkCollab = instance;
}

/** The collaboration server running in this process, if any (none in scripts and some tests). */
export function getCollabInstance(): Hocuspocus | undefined {
  return registry.proofmarkCollab;
}

// Set on extensions through which several instances share live documents (lib/collab/redis.ts).
// A registered symbol, so that server.ts's copy and the route handlers' bundled copy agree.
const SHARED_STATE = Symbol.for("proofmark.collab.sharedState");

/** Marks an extension as sharing live documents with other instances (Redis). */
export function markSharedStateExtension<E extends object>(extension: E): E {
  Object.defineProperty(extension, SHARED_STATE, { value: true });
  return extension;
}

/**
 * Whether other instances may hold this instance's live documents (a shared-state extension
 * such as Redis is configured), so a document not loaded here may still have clients elsewhere.
 */
export function isCollabShared(): boolean {
  const extensions = registry.proofmarkCollab?.configuration.extensions ?? [];
  return extensions.some((extension) => (extension as { [SHARED_STATE]?: boolean })[SHARED_STATE] === true);
}

/** What server-side writers put in a direct connection's context. */
export const SERVER_CONTEXT = { server: true } as const;
