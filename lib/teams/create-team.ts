import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { TCreateTeamInput } from "../validation/teams.ts";
import { requireUserActor } from "./require-user-actor.ts";
import { type TeamView, toTeamView } from "./team-views.ts";

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * Creates a team whose first admin is the signed-in caller.
 * @throws AppError forbidden (API tokens) | conflict (slug taken)
 */
export async function createTeam({
  actor,
  input,
}: {
  actor: Actor;
  input: TCreateTeamInput;
}): Promise<TeamView> {
  const user = requireUserActor(actor, "create teams");
  const { slug, name } = input;
  const taken = () => new AppError("conflict", `The address "${slug}" is already taken; choose another`);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.team.findUnique({ where: { slug }, select: { id: true } })) throw taken();
      const team = await tx.team.create({ data: { slug, name } });
      await tx.membership.create({ data: { teamId: team.id, userId: user.userId, role: "ADMIN" } });
      await recordAuditEvent(tx, {
        teamId: team.id,
        actor,
        action: "team.create",
        entityType: "Team",
        entityId: team.id,
        after: { slug, name, admin: user.userId },
      });
      return toTeamView(team, "ADMIN");
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
