import type { Role, TokenScope } from "../generated/prisma/enums.ts";

/**
 * Everything a member can do in a team, as the permission table of docs/DESIGN.md names it.
 * Rules about one's *own* things are elsewhere: editing and deleting one's own annotation in
 * lib/policies/annotation.ts, removing evidence in lib/policies/evidence.ts, and "nobody
 * reviews their own annotation" in lib/reviews/apply-review.ts (assertReviewAllowed). This table
 * says which roles may attempt an action at all.
 */
export const TEAM_ACTIONS = [
  "team.read", // read team articles, annotations, evidence, members list
  "article.import",
  "annotation.create", // create, edit, delete own annotations and evidence
  "article.correct", // correct an article's body (writable body connection)
  "annotation.review", // approve, reject, relabel others' annotations
  "article.archive", // archive or delete an article
  "export",
  "token.manage", // create, list, revoke API tokens
  "member.manage", // members, roles, invites
  "webhook.manage", // webhook endpoints, their secrets and delivery logs
  "verdict.write", // give, change or withdraw a verdict on an approved fact annotation
  "article.publish", // publish, republish, unpublish an article's public page
  "team.settings", // the rating scale and the public profile (organisation name, URL, credits)
  "round.manage", // start, extend and close blind rounds, see every annotator's progress, adjudicate
] as const;

export type TeamAction = (typeof TEAM_ACTIONS)[number];

const ALL: Role[] = ["VIEWER", "ANNOTATOR", "MODERATOR", "ADMIN"];
const WRITERS: Role[] = ["ANNOTATOR", "MODERATOR", "ADMIN"];
const EDITORS: Role[] = ["MODERATOR", "ADMIN"];
const ADMINS: Role[] = ["ADMIN"];

/** Which roles may do each action. */
export const ROLES_FOR_ACTION: Record<TeamAction, readonly Role[]> = {
  "team.read": ALL,
  "article.import": WRITERS,
  "annotation.create": WRITERS,
  "article.correct": EDITORS,
  "annotation.review": EDITORS,
  "article.archive": ADMINS,
  export: ALL,
  "token.manage": ADMINS,
  "member.manage": ADMINS,
  "webhook.manage": ADMINS,
  "verdict.write": EDITORS,
  "article.publish": EDITORS,
  "team.settings": ADMINS,
  "round.manage": EDITORS,
};

/** Which API token scope an action needs; `null` means API tokens may never do it. */
export const SCOPE_FOR_ACTION: Record<TeamAction, TokenScope | null> = {
  "team.read": "READ",
  "article.import": "ANNOTATE",
  "annotation.create": "ANNOTATE",
  "article.correct": null,
  "annotation.review": "REVIEW",
  "article.archive": null,
  export: "EXPORT",
  "token.manage": null,
  "member.manage": null,
  "webhook.manage": null,
  "verdict.write": "REVIEW",
  "article.publish": "REVIEW",
  "team.settings": null,
  "round.manage": "REVIEW",
};

/** Who is acting inside one team: a member by session, or an API token of that team. */
export interface TeamSubject {
  role: Role;
  /** The token's scopes when acting through an API token; `null` for a signed-in session. */
  scopes: readonly TokenScope[] | null;
}

/** Whether the subject may do the action in its team (role table, narrowed by token scopes). */
export function can(subject: TeamSubject, action: TeamAction): boolean {
  if (!ROLES_FOR_ACTION[action].includes(subject.role)) return false;
  if (subject.scopes === null) return true;
  const scope = SCOPE_FOR_ACTION[action];
  return scope !== null && subject.scopes.includes(scope);
}

/** Roles ordered from most to least powerful, for display and for role-change checks. */
export const ROLE_ORDER: readonly Role[] = ["ADMIN", "MODERATOR", "ANNOTATOR", "VIEWER"];
