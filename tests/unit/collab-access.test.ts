import { describe, expect, it } from "vitest";
import { decideCollabAccess } from "../../lib/collab/access.ts";
import type { Role } from "../../lib/generated/prisma/enums.ts";

const session = (role: Role) => ({ role, scopes: null });

describe("decideCollabAccess", () => {
  it.each<[Role, boolean]>([
    ["ADMIN", false],
    ["MODERATOR", false],
    ["ANNOTATOR", true],
    ["VIEWER", true],
  ])("opens the body for a %s, read-only: %s", (role, readOnly) => {
    expect(decideCollabAccess({ kind: "body", subject: session(role), archived: false })).toEqual({
      allowed: true,
      readOnly,
    });
  });

  it.each<Role>(["ADMIN", "MODERATOR", "ANNOTATOR", "VIEWER"])(
    "keeps the annotations document read-only for a %s",
    (role) => {
      expect(decideCollabAccess({ kind: "annotations", subject: session(role), archived: false })).toEqual({
        allowed: true,
        readOnly: true,
      });
    },
  );

  it("keeps an archived article's body read-only even for an admin", () => {
    expect(decideCollabAccess({ kind: "body", subject: session("ADMIN"), archived: true })).toEqual({
      allowed: true,
      readOnly: true,
    });
  });

  it("never lets an API token correct the body, and refuses one without the read scope", () => {
    expect(
      decideCollabAccess({
        kind: "body",
        subject: { role: "ADMIN", scopes: ["READ", "ANNOTATE"] },
        archived: false,
      }),
    ).toEqual({ allowed: true, readOnly: true });
    expect(
      decideCollabAccess({ kind: "body", subject: { role: "ADMIN", scopes: ["EXPORT"] }, archived: false }),
    ).toEqual({ allowed: false });
  });
});
