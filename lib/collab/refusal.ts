import type { Doc } from "yjs";
import { AppError, isDatabaseUnavailableError } from "../errors.ts";
import { getLogger } from "../observability/logger.ts";

/** Why a live-document connection was refused, as the client's provider receives it. */
export type CollabRefusalReason = "unauthenticated" | "invalid-document" | "not-found" | "unavailable";

/**
 * Thrown from a Hocuspocus hook to refuse a connection. Hocuspocus sends `reason` to the
 * client as "permission denied" and logs only errors that carry a message, so expected
 * refusals (signed-out tabs, wrong team) are deliberately message-less and stay out of logs.
 */
export class CollabRefusal extends Error {
  readonly reason: CollabRefusalReason;

  constructor(reason: CollabRefusalReason) {
    super("");
    this.name = "CollabRefusal";
    this.reason = reason;
  }
}

/**
 * Turns a failed load of a live document into a refusal of the connection, so an empty document
 * is never served, cached, or later stored over the real one. The half-made document is
 * destroyed (Hocuspocus drops it without destroying it, and its presence timer would keep it in
 * memory for good). A missing article is `not-found`; anything else (the database is down) is
 * `unavailable`, which closes the socket with 1013 so the provider reconnects later.
 * @throws nothing (returns the refusal to throw)
 */
export function refuseFailedLoad(document: Doc, documentName: string, error: unknown): CollabRefusal {
  document.destroy();
  if (error instanceof AppError && error.code === "not_found") return new CollabRefusal("not-found");
  if (isDatabaseUnavailableError(error))
    getLogger().error(`[collab] loading ${documentName} failed: the database is unavailable`);
  else getLogger().error({ err: error }, `[collab] loading ${documentName} failed`);
  return new CollabRefusal("unavailable");
}
