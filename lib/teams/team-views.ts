import type { Role } from "../generated/prisma/enums.ts";
import { type RoleName, roleName } from "../validation/teams.ts";

/** A team as the API and UI show it to one of its members. */
export interface TeamView {
  id: string;
  slug: string;
  name: string;
  role: RoleName;
  createdAt: string;
}

/** A member of a team. */
export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: RoleName;
  joinedAt: string;
}

/** Shapes a team row and the viewer's role for output. */
export function toTeamView(
  team: { id: string; slug: string; name: string; createdAt: Date },
  role: Role,
): TeamView {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    role: roleName(role),
    createdAt: team.createdAt.toISOString(),
  };
}

/** Shapes a membership with its user for output. */
export function toMemberView(membership: {
  role: Role;
  createdAt: Date;
  user: { id: string; name: string; email: string };
}): MemberView {
  return {
    userId: membership.user.id,
    name: membership.user.name,
    email: membership.user.email,
    role: roleName(membership.role),
    joinedAt: membership.createdAt.toISOString(),
  };
}
