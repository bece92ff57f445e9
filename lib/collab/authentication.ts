import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import type { UserActor } from "../auth/actor.ts";
import { resolveSessionFromCookieHeader } from "../auth/session.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { getTeamAccessOrThrow } from "../teams/access.ts";
import { decideCollabAccess } from "./access.ts";
import { type CollabDocument, parseDocumentName } from "./document-name.ts";
import { CollabRefusal } from "./refusal.ts";

/** What the authentication extension puts in every connection's Hocuspocus context. */
export interface CollabContext {
  actor: UserActor;
  document: CollabDocument;
  teamId: string;
  role: Role;
  readOnly: boolean;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join("; ") : value;
}

// Limited to teams the user is a member of, and to articles not deleted, so a stranger, a
// missing id and a deleted article all look the same.
async function findVisibleArticle(actor: UserActor, articleId: string) {
  return db.article.findFirst({
    where: { id: articleId, deletedAt: null, team: { memberships: { some: { userId: actor.userId } } } },
    select: { id: true, teamId: true, archivedAt: true },
  });
}

async function authenticate(documentName: string, cookieHeader: string | undefined): Promise<CollabContext> {
  const document = parseDocumentName(documentName);
  if (!document) throw new CollabRefusal("invalid-document");
  const actor = await resolveSessionFromCookieHeader(cookieHeader);
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
  return { actor, document, teamId: article.teamId, role: access.role, readOnly: decision.readOnly };
}

/**
 * The Hocuspocus extension that admits a connection only for a signed-in member of the
 * article's team (session cookie of the upgrade request) and makes it read-only unless the
 * document is the body and the member may correct articles.
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
      try {
        const context = await authenticate(documentName, firstHeader(requestHeaders.cookie));
        connectionConfig.readOnly = context.readOnly;
        return context;
      } catch (error) {
        if (error instanceof CollabRefusal) throw error;
        if (error instanceof AppError && error.code === "not_found") throw new CollabRefusal("not-found");
        // Never log the request headers: they carry the session cookie.
        console.error("[collab] authentication failed unexpectedly", error);
        throw new CollabRefusal("unavailable");
      }
    },
  };
}
