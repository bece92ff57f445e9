import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor.ts";
import {
  inVisibleTeamWhere,
  tokenTeamWhere,
  visibleMembershipWhere,
  visibleTeamSql,
  visibleTeamWhere,
} from "../../lib/teams/visibility.ts";

const USER = "11111111-1111-4111-8111-111111111111";
const TEAM = "22222222-2222-4222-8222-222222222222";
const session = { kind: "user", userId: USER, sessionId: "s" } as unknown as Actor;
const token = {
  kind: "token",
  userId: USER,
  teamId: TEAM,
  tokenId: "t",
  scopes: ["READ"],
} as unknown as Actor;

const root = fileURLToPath(new URL("../../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (entry === "generated" || entry === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

describe("team visibility (lib/teams/visibility.ts)", () => {
  it("a member sees their teams; a token only its own", () => {
    expect(visibleTeamWhere(session)).toEqual({ memberships: { some: { userId: USER } } });
    expect(visibleTeamWhere(token)).toEqual({ memberships: { some: { userId: USER } }, id: TEAM });
    expect(inVisibleTeamWhere(token)).toEqual({ team: visibleTeamWhere(token) });
    expect(visibleMembershipWhere(session)).toEqual({ userId: USER });
    expect(visibleMembershipWhere(token)).toEqual({ userId: USER, teamId: TEAM });
    expect(tokenTeamWhere(session)).toEqual({});
    expect(tokenTeamWhere(token)).toEqual({ teamId: TEAM });
  });

  it("the SQL twin joins the actor's membership and narrows a token to its team, with bound values", () => {
    const user = visibleTeamSql(session, `a."teamId"`);
    expect(user.join.sql).toBe(`JOIN "Membership" m ON m."teamId" = a."teamId" AND m."userId" = ?::uuid`);
    expect(user.join.values).toEqual([USER]);
    expect(user.and.sql).toBe("");
    const narrowed = visibleTeamSql(token, `a."teamId"`);
    expect(narrowed.and.sql).toBe(`AND a."teamId" = ?::uuid`);
    expect(narrowed.and.values).toEqual([TEAM]);
  });

  it("is spelled nowhere else in lib/ and app/", () => {
    const offenders = [...sourceFiles(join(root, "lib")), ...sourceFiles(join(root, "app"))]
      .filter((file) => !file.endsWith(join("teams", "visibility.ts")))
      .filter((file) => {
        const source = readFileSync(file, "utf8");
        return /memberships:\s*\{\s*some:/.test(source) || /JOIN\s+"Membership"/.test(source);
      })
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
