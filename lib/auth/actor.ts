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

// The arguments of use cases, as route handlers and server actions pass them: who acts, on
// what, and (for a command) the request body, which the use case validates.

/** A use case on a team, by slug. */
export interface TeamTarget {
  actor: Actor;
  teamSlug: string;
}

/** A use case on one article. */
export interface ArticleTarget {
  actor: Actor;
  articleId: string;
}

/** A use case on one annotation. */
export interface AnnotationTarget {
  actor: Actor;
  annotationId: string;
}

/** A use case on a team with a body to validate. */
export interface TeamCommand extends TeamTarget {
  input: unknown;
}

/** A use case on one article with a body to validate. */
export interface ArticleCommand extends ArticleTarget {
  input: unknown;
}

/** A read of a team's records with its query string to validate. */
export interface TeamQuery extends TeamTarget {
  query: unknown;
}

/** A use case on one annotation with a body to validate. */
export interface AnnotationCommand extends AnnotationTarget {
  input: unknown;
}
