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
