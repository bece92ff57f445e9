import type { TokenScope } from "../generated/prisma/enums.ts";

/** A signed-in person, resolved from a next-auth session whose row is still valid. */
export interface UserActor {
  kind: "user";
  userId: string;
  name: string;
  email: string;
  sessionId: string;
}

/** An API token: it belongs to one team and acts for its creator, narrowed to its scopes. */
export interface TokenActor {
  kind: "token";
  tokenId: string;
  teamId: string;
  /** The token's creator, whose current role in the team caps what the token may do. */
  userId: string;
  scopes: readonly TokenScope[];
}

export type Actor = UserActor | TokenActor;

/**
 * The arguments of a use case on a team, as route handlers and server actions pass them: who
 * acts, the team's slug, and the request body, which the use case validates.
 */
export interface TeamCommand {
  actor: Actor;
  teamSlug: string;
  input: unknown;
}

/** The arguments of a use case on one annotation: who acts, its id, and the body to validate. */
export interface AnnotationCommand {
  actor: Actor;
  annotationId: string;
  input: unknown;
}

/** The arguments of a use case on one article: who acts, its id, and the body to validate. */
export interface ArticleCommand {
  actor: Actor;
  articleId: string;
  input: unknown;
}
