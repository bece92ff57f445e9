import { can, type TeamSubject } from "../policies/team.ts";
import type { CollabDocumentKind } from "./document-name.ts";

/** What a connection to a live document may do. */
export type CollabAccess = { allowed: false } | { allowed: true; readOnly: boolean };

/** The facts a collaboration access decision rests on (all loaded by the caller). */
export interface CollabAccessInput {
  kind: CollabDocumentKind;
  /** The member's role in the article's team (and token scopes, if any). */
  subject: TeamSubject;
  /** An archived article is kept for the record: it is read, never corrected. */
  archived: boolean;
}

/**
 * Decides whether a team member may open an article's live document and whether the
 * connection may write. The body is writable only for those who may correct articles; the
 * annotations document is written by the server alone, so every client reads it only.
 * @throws nothing (pure)
 */
export function decideCollabAccess({ kind, subject, archived }: CollabAccessInput): CollabAccess {
  if (!can(subject, "team.read")) return { allowed: false };
  const writable = kind === "body" && !archived && can(subject, "article.correct");
  return { allowed: true, readOnly: !writable };
}
