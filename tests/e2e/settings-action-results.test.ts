// Issue 22: the team and settings forms read one ActionResult from their server actions
// (lib/actions/run-action.ts). With JavaScript on, each shows its success (a saved role, an invite
// link, a token secret), or the server's refusal as an alert with the typed values kept, and a
// refused action leaves its button usable again.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.ts";
import { newContext, sharedBrowser, signIn } from "../support/browser.ts";
import { createTeamWithMembers } from "../support/factories.ts";

describe("team settings answer through runAction", () => {
  const browser = sharedBrowser();

  async function asAdmin(
    run: (page: Page, team: Awaited<ReturnType<typeof createTeamWithMembers>>) => Promise<void>,
  ) {
    const team = await createTeamWithMembers();
    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await signIn(page, team.admin.email, team.admin.password);
      await run(page, team);
    } finally {
      await context.close();
    }
  }

  it("members: a role is saved, the only admin's leaving is refused with a usable button, an invite link is shown and revoked", async () => {
    await asAdmin(async (page, team) => {
      await page.goto(`/t/${team.slug}/settings/members`);
      await page.getByLabel(`Role of ${team.annotator.name}`, { exact: true }).selectOption("moderator");
      await page.getByRole("button", { name: `Save role of ${team.annotator.name}` }).click();
      await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
      const membership = await db.membership.findFirstOrThrow({
        where: { teamId: team.id, userId: team.annotator.id },
      });
      expect(membership.role).toBe("MODERATOR");

      await page.getByRole("button", { name: `Leave ${team.name}` }).click();
      const leave = page.getByRole("button", { name: "Leave", exact: true });
      await leave.click();
      await page.getByRole("alert").filter({ hasText: /admin/i }).waitFor();
      await expect.poll(() => leave.isEnabled()).toBe(true);
      expect(await db.membership.count({ where: { teamId: team.id, userId: team.admin.id } })).toBe(1);

      await page.getByRole("button", { name: "Create invite link" }).click();
      const link = page.getByLabel(/^Invite link \(annotator/);
      await link.waitFor();
      expect(await link.inputValue()).toMatch(/\/invite\/\S+$/);
      await page.getByRole("button", { name: "Revoke", exact: true }).click();
      await page.getByRole("button", { name: "Revoke link" }).click();
      await expect
        .poll(() => db.invite.count({ where: { teamId: team.id, revokedAt: { not: null } } }))
        .toBe(1);
    });
  });

  it("tokens and teams: a secret is shown once, a token is revoked, a taken address is refused with the name kept", async () => {
    await asAdmin(async (page, team) => {
      await page.goto(`/t/${team.slug}/settings/tokens`);
      await page.getByLabel("Name").fill("Result token");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = page.getByLabel("Secret of “Result token”");
      await secret.waitFor();
      expect(await secret.inputValue()).toMatch(/^pm_/);
      await page.getByRole("button", { name: "Revoke Result token" }).click();
      await page.getByRole("button", { name: "Revoke now" }).click();
      await expect
        .poll(() =>
          db.apiToken.count({ where: { teamId: team.id, name: "Result token", revokedAt: { not: null } } }),
        )
        .toBe(1);

      await page.goto("/teams");
      await page.getByLabel("Team name").fill("A second desk");
      await page.getByLabel("Address").fill(team.slug);
      await page.getByRole("button", { name: "Create team" }).click();
      await page.getByRole("alert").filter({ hasText: "already taken" }).waitFor();
      expect(await page.getByLabel("Team name").inputValue()).toBe("A second desk");
      expect(await page.getByRole("button", { name: "Create team" }).isEnabled()).toBe(true);
    });
  });
});
