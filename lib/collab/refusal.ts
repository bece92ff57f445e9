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
