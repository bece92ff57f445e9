import type { Actor, UserActor } from "../auth/actor.ts";
import { forbidden } from "../errors.ts";

/**
 * Narrows an actor to a signed-in person, for actions API tokens may never take
 * (creating teams, minting tokens, accepting invites).
 * @throws AppError forbidden for an API token
 */
export function requireUserActor(actor: Actor, what: string): UserActor {
  if (actor.kind !== "user") throw forbidden(`API tokens cannot ${what}; sign in to do this`);
  return actor;
}
