import { z } from "zod";
import { AppError } from "../errors.ts";
import type { Role } from "../generated/prisma/enums.ts";
import { storableString } from "./text.ts";

/** Team slugs: 3-40 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;

/** Role names as they travel in JSON and forms. */
/**
 * A team slug bound to a server action: it comes back from the browser, so it is checked like
 * any other input.
 */
export const ZBoundSlug = z.string().min(1).max(100);

export const ROLE_NAMES = ["admin", "moderator", "annotator", "viewer"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** A lower-case role name from JSON, turned into the database's role. */
export const ZRole = z.enum(ROLE_NAMES).transform((name) => name.toUpperCase() as Role);

/** The JSON spelling of a role. */
export function roleName(role: Role): RoleName {
  return role.toLowerCase() as RoleName;
}

export const ZCreateTeamInput = z.object({
  slug: z
    .string()
    .trim()
    .regex(SLUG_PATTERN, "Use 3-40 lowercase letters, digits and hyphens (not at the start or end)"),
  name: storableString().trim().min(1, "Give the team a name").max(100, "Use at most 100 characters"),
});
export type TCreateTeamInput = z.infer<typeof ZCreateTeamInput>;

export const ZChangeMemberRoleInput = z.object({ role: ZRole });
export type TChangeMemberRoleInput = z.infer<typeof ZChangeMemberRoleInput>;

export const ZCreateInviteInput = z.object({
  role: ZRole,
  expiresInHours: z.number().int().min(1).max(720).default(168),
  email: z
    .email("Enter a valid email address")
    .max(320)
    .transform((email) => email.toLowerCase())
    .optional(),
});
export type TCreateInviteInput = z.infer<typeof ZCreateInviteInput>;

const UUID = z.uuid();

/**
 * Checks an id taken from a URL; a malformed one cannot exist, so it is "not found".
 * @throws AppError not_found
 */
export function parseIdOrNotFound(value: string | undefined, what: string): string {
  const parsed = UUID.safeParse(value);
  if (!parsed.success) throw new AppError("not_found", `${what} not found`);
  return parsed.data.toLowerCase();
}
