import type { IncomingHttpHeaders } from "node:http";
import type { UserActor } from "../auth/actor.ts";
import { resolveSessionFromCookieHeader } from "../auth/session.ts";
import { db } from "../db.ts";
import { AppError, isDatabaseUnavailableError } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { getLogger } from "../observability/logger.ts";
import { annotationViewerOf } from "../rounds/annotation-visibility.ts";
import { loadArticleRoundFacts, mayOpenAnnotationsView } from "../rounds/round-documents.ts";
import { getTeamAccessOrThrow } from "../teams/access.ts";
import { inVisibleTeamWhere } from "../teams/visibility.ts";
import { decideCollabAccess } from "./access.ts";
import { type CollabDocument, parseDocumentName } from "./document-name.ts";
import { CollabRefusal } from "./refusal.ts";

/** What a connection to a live document is, once admitted (kept in its Hocuspocus context). */
export interface CollabContext {
  actor: UserActor;
  document: CollabDocument;
  teamId: string;
  role: Role;
  readOnly: boolean;
}

function cookieHeaderOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.cookie;
  return Array.isArray(value) ? value.join("; ") : value;
}

// Limited to teams the user is a member of, and to articles not deleted, so a stranger, a
// missing id and a deleted article all look the same.
async function findVisibleArticle(actor: UserActor, articleId: string) {
  return db.article.findFirst({
    where: { id: articleId, deletedAt: null, ...inVisibleTeamWhere(actor) },
    select: { id: true, teamId: true, archivedAt: true },
  });
}

async function decide(documentName: string, headers: IncomingHttpHeaders): Promise<CollabContext> {
  const document = parseDocumentName(documentName);
  if (!document) throw new CollabRefusal("invalid-document");
  const actor = await resolveSessionFromCookieHeader(cookieHeaderOf(headers));
  if (!actor) throw new CollabRefusal("unauthenticated");
  const article = await findVisibleArticle(actor, document.articleId);
  if (!article) throw new CollabRefusal("not-found");
  const access = await getTeamAccessOrThrow(actor, { id: article.teamId });
  const decision = decideCollabAccess({
    kind: document.kind,
    subject: access,
    archived: article.archivedAt !== null,
  });
  if (!decision.allowed) throw new CollabRefusal("not-found");
  // Blind rounds: an annotations document holds one viewer's view; nobody opens one showing more
  // than theirs (lib/rounds/round-documents.ts), checked again whenever access is re-checked.
  if (document.view) {
    const viewer = annotationViewerOf(access);
    const facts = await loadArticleRoundFacts(article.id);
    if (!mayOpenAnnotationsView(viewer, document.view, facts)) throw new CollabRefusal("not-found");
  }
  return { actor, document, teamId: article.teamId, role: access.role, readOnly: decision.readOnly };
}

/**
 * Decides whether the person behind a websocket handshake's session cookie may open a live
 * document, and whether they may write to it. Used when a connection opens and again while it
 * lives (a revoked session, a removed member or a changed role take effect).
 * @throws CollabRefusal invalid-document | unauthenticated | not-found (a stranger, a missing or
 *   a deleted article alike) | unavailable (the database failed; logged without headers)
 */
export async function authorizeCollabConnection(
  documentName: string,
  headers: IncomingHttpHeaders,
): Promise<CollabContext> {
  try {
    return await decide(documentName, headers);
  } catch (error) {
    if (error instanceof CollabRefusal) throw error;
    if (error instanceof AppError && error.code === "not_found") throw new CollabRefusal("not-found");
    // Never log the request headers: they carry the session cookie.
    if (isDatabaseUnavailableError(error))
      getLogger().error("[collab] authorization failed: the database is unavailable");
    else getLogger().error({ err: error }, "[collab] authorization failed unexpectedly");
    throw new CollabRefusal("unavailable");
  }
}
