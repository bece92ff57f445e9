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

/** What server-side writers put in a direct connection's context. */
export const SERVER_CONTEXT = { server: true } as const;
