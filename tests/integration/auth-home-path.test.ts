import { describe, expect, it } from "vitest";
import { pruneLoginAttempts } from "../../lib/auth/rate-limit.ts";
import { db } from "../../lib/db.ts";
import { getHomePath } from "../../lib/users/get-home-path.ts";
import { addMember, createUser } from "../support/factories.ts";

describe("getHomePath", () => {
  it("sends a user without teams to the team list", async () => {
    const user = await createUser();
    expect(await getHomePath({ actor: user.actor })).toBe("/teams");
  });

  it("sends a member to their first team by name", async () => {
    const user = await createUser();
    const zulu = await db.team.create({ data: { slug: "zulu-desk", name: "Zulu desk" } });
    const alpha = await db.team.create({ data: { slug: "zz-alpha", name: "Alpha desk" } });
    await db.team.create({ data: { slug: "aaa-not-mine", name: "Aaa other" } });
    await addMember(zulu.id, user.id, "ADMIN");
    await addMember(alpha.id, user.id, "VIEWER");
    expect(await getHomePath({ actor: user.actor })).toBe("/t/zz-alpha");
  });
});

describe("pruneLoginAttempts", () => {
  it("deletes only attempts older than the longest throttle window and a day", async () => {
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    await db.loginAttempt.createMany({
      data: [
        { email: "old@example.test", ip: "192.0.2.1", success: true, createdAt: daysAgo(2.1) },
        { email: "recent@example.test", ip: "192.0.2.1", success: true, createdAt: daysAgo(1.9) },
      ],
    });
    expect(await pruneLoginAttempts(now)).toBe(1);
    expect((await db.loginAttempt.findMany({ select: { email: true } })).map((a) => a.email)).toEqual([
      "recent@example.test",
    ]);
  });
});
