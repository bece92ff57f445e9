import { describe, expect, it } from "vitest";
import type { Role, TokenScope } from "../../lib/generated/prisma/enums.ts";
import { can, TEAM_ACTIONS, type TeamAction } from "../../lib/policies/team.ts";

// The permission table of docs/DESIGN.md ("Permissions"), written out by hand (never derived from the code under test).
// Columns: viewer, annotator, moderator, admin.
const ROLES: Role[] = ["VIEWER", "ANNOTATOR", "MODERATOR", "ADMIN"];
const EXPECTED: Record<TeamAction, [boolean, boolean, boolean, boolean]> = {
  "team.read": [true, true, true, true],
  "article.import": [false, true, true, true],
  "annotation.create": [false, true, true, true],
  "article.correct": [false, false, true, true],
  "annotation.review": [false, false, true, true],
  "article.archive": [false, false, false, true],
  export: [true, true, true, true],
  "token.manage": [false, false, false, true],
  "member.manage": [false, false, false, true],
  "webhook.manage": [false, false, false, true],
  "verdict.write": [false, false, true, true],
  "article.publish": [false, false, true, true],
  "team.settings": [false, false, false, true],
  "round.manage": [false, false, true, true],
};

// The scope an API token needs for each action; null: no token may ever do it.
const EXPECTED_SCOPE: Record<TeamAction, TokenScope | null> = {
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

const ALL_SCOPES: TokenScope[] = ["READ", "ANNOTATE", "REVIEW", "EXPORT"];

describe("team permission table (signed-in members)", () => {
  it("covers exactly the actions the policy knows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...TEAM_ACTIONS].sort());
  });

  for (const action of Object.keys(EXPECTED) as TeamAction[]) {
    ROLES.forEach((role, column) => {
      const allowed = EXPECTED[action][column];
      it(`${role.toLowerCase()} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can({ role, scopes: null }, action)).toBe(allowed);
      });
    });
  }
});

describe("API tokens: the creator's role narrowed by the token's scopes", () => {
  for (const action of Object.keys(EXPECTED) as TeamAction[]) {
    ROLES.forEach((role, column) => {
      for (const scope of ALL_SCOPES) {
        const allowed = EXPECTED[action][column] && EXPECTED_SCOPE[action] === scope;
        it(`${role.toLowerCase()} token with [${scope.toLowerCase()}] ${allowed ? "may" : "may not"} ${action}`, () => {
          expect(can({ role, scopes: [scope] }, action)).toBe(allowed);
        });
      }
      const withAll = EXPECTED[action][column] && EXPECTED_SCOPE[action] !== null;
      it(`${role.toLowerCase()} token with every scope ${withAll ? "may" : "may not"} ${action}`, () => {
        expect(can({ role, scopes: ALL_SCOPES }, action)).toBe(withAll);
      });
      it(`${role.toLowerCase()} token with no scopes may not ${action}`, () => {
        expect(can({ role, scopes: [] }, action)).toBe(false);
      });
    });
  }

  it("a scope never lifts a token above its creator's role", () => {
    expect(can({ role: "VIEWER", scopes: ["ANNOTATE"] }, "annotation.create")).toBe(false);
    expect(can({ role: "ANNOTATOR", scopes: ["REVIEW"] }, "annotation.review")).toBe(false);
  });

  it("no token manages members or tokens, even an admin's with every scope", () => {
    expect(can({ role: "ADMIN", scopes: ALL_SCOPES }, "token.manage")).toBe(false);
    expect(can({ role: "ADMIN", scopes: ALL_SCOPES }, "member.manage")).toBe(false);
  });
});
