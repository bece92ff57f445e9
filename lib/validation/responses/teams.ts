import { z } from "zod";
import { ROLE_NAMES } from "../teams.ts";
import { SCOPE_NAMES } from "../tokens.ts";
import { ZId, ZNullableTimestamp, ZTimestamp, ZUserRef } from "./common.ts";

export const ZRoleName = z.enum(ROLE_NAMES).meta({ id: "Role" });
export const ZScopeName = z.enum(SCOPE_NAMES).meta({ id: "Scope" });

/** lib/teams/team-views.ts TeamView */
export const ZTeam = z
  .object({
    id: ZId,
    slug: z.string(),
    name: z.string(),
    role: ZRoleName.meta({ description: "The caller's role in the team" }),
    createdAt: ZTimestamp,
  })
  .meta({ id: "Team" });

export const ZTeamDetail = ZTeam.extend({ memberCount: z.number().int().min(0) }).meta({ id: "TeamDetail" });

/** lib/teams/team-views.ts MemberView */
export const ZMember = z
  .object({
    userId: ZId,
    name: z.string(),
    email: z.string(),
    role: ZRoleName,
    joinedAt: ZTimestamp,
  })
  .meta({ id: "Member" });

/** lib/teams/invite-views.ts InviteView */
export const ZInvite = z
  .object({
    id: ZId,
    role: ZRoleName,
    email: z.string().nullable().meta({ description: "When set, only this address may accept" }),
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    createdBy: ZUserRef,
    createdAt: ZTimestamp,
    expiresAt: ZTimestamp,
    acceptedAt: ZNullableTimestamp,
    revokedAt: ZNullableTimestamp,
  })
  .meta({ id: "Invite" });

export const ZCreatedInvite = ZInvite.extend({
  secret: z.string().meta({ description: "Shown only in this response; not stored" }),
  path: z.string().meta({ description: "The link to share, /invite/<secret>" }),
}).meta({ id: "CreatedInvite" });

export const ZAcceptedInvite = z
  .object({ team: ZTeam, alreadyMember: z.boolean() })
  .meta({ id: "AcceptedInvite" });

/** lib/tokens/token-views.ts TokenView */
export const ZToken = z
  .object({
    id: ZId,
    name: z.string(),
    prefix: z.string().meta({ description: "The start of the secret, e.g. pm_Ab3d…" }),
    scopes: z.array(ZScopeName),
    createdBy: ZUserRef,
    createdAt: ZTimestamp,
    expiresAt: ZNullableTimestamp,
    lastUsedAt: ZNullableTimestamp,
    revokedAt: ZNullableTimestamp,
  })
  .meta({ id: "Token" });

export const ZCreatedToken = ZToken.extend({
  secret: z.string().meta({ description: "The bearer secret (pm_...), shown only in this response" }),
}).meta({ id: "CreatedToken" });
