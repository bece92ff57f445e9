import type { Role } from "../generated/prisma/enums.ts";
import { type RoleName, roleName } from "../validation/teams.ts";

export type InviteStatus = "pending" | "accepted" | "revoked" | "expired";

/** An invite as admins see it (never its secret, which only exists in the link). */
export interface InviteView {
  id: string;
  role: RoleName;
  email: string | null;
  status: InviteStatus;
  createdBy: { id: string; name: string };
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** What an invite's state is at `now`. */
export function inviteStatus(
  invite: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InviteStatus {
  if (invite.acceptedAt) return "accepted";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** Shapes an invite row for output. */
export function toInviteView(invite: {
  id: string;
  role: Role;
  email: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { id: string; name: string };
}): InviteView {
  return {
    id: invite.id,
    role: roleName(invite.role),
    email: invite.email,
    status: inviteStatus(invite),
    createdBy: { id: invite.createdBy.id, name: invite.createdBy.name },
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    acceptedAt: invite.acceptedAt?.toISOString() ?? null,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
  };
}

/** The columns toInviteView needs. */
export const INVITE_VIEW_SELECT = {
  id: true,
  role: true,
  email: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

/** Invite link secrets: 32 random bytes in base64url (43 characters). */
export const INVITE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
