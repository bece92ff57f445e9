import { describe, expect, it } from "vitest";
import { verifyPassword } from "../../lib/auth/passwords.ts";
import { db } from "../../lib/db.ts";
import { DEMO_PASSWORD, DEMO_USERS, readDemoArticle, seedDemo } from "../../prisma/seed.ts";
import { createTeamWithMembers, createUser } from "../support/factories.ts";

describe("seedDemo", () => {
  it("creates the demo team, one user per role and the demo article, and is idempotent", async () => {
    const first = await seedDemo();
    const second = await seedDemo();
    expect(second).toEqual(first);

    const team = await db.team.findUniqueOrThrow({
      where: { slug: "demo-desk" },
      include: { memberships: { include: { user: true } } },
    });
    expect(team.name).toBe("Demo Desk");
    expect(team.memberships.map((membership) => [membership.user.email, membership.role]).sort()).toEqual(
      DEMO_USERS.map((user) => [user.email, user.role]).sort(),
    );

    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", admin.passwordHash)).toBe(false);

    const articles = await db.article.findMany({ where: { teamId: team.id } });
    expect(articles).toHaveLength(1);
    const article = articles[0]!;
    expect(article.title).toBe(
      "US-Led Coalition Conducted 34,573 Air Strikes In Iraq And Syria Between August 2014 And August 2019!",
    );
    expect(article.importedById).toBe(admin.id);
    expect(article.format).toBe("TEXT");
    expect(article.text).toContain("at least 1,335 civilians");
    expect(article.text).not.toContain(article.title);
    expect(readDemoArticle().content.startsWith("THE US-UK-led military coalition")).toBe(true);
  });
});

describe("factories", () => {
  it("create users with working passwords and teams with one member per role", async () => {
    const user = await createUser({ email: "Someone@Example.test", password: "pw-123456" });
    expect(user.email).toBe("someone@example.test");
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("pw-123456", stored.passwordHash)).toBe(true);

    const team = await createTeamWithMembers({ extra: ["ANNOTATOR"] });
    const roles = await db.membership.findMany({ where: { teamId: team.id }, select: { role: true } });
    expect(roles.map((row) => row.role).sort()).toEqual(
      ["ADMIN", "ANNOTATOR", "ANNOTATOR", "MODERATOR", "VIEWER"].sort(),
    );
    expect(await db.session.count({ where: { id: team.viewer.actor.sessionId } })).toBe(1);
  });
});
