import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { TeamNav } from "@/components/layout/team-nav";
import { NotificationBell } from "@/components/moderation/notification-bell";
import { TeamSwitcher } from "@/components/teams/team-switcher";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { orNotFound, type TeamLayoutProps } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team";
import { getTeamAccessOrThrow } from "@/lib/teams/access";
import { listTeams } from "@/lib/teams/list-teams";

export const dynamic = "force-dynamic";

export default async function TeamLayout({ children, params }: TeamLayoutProps) {
  const { team: slug } = await params;
  const user = await requireCurrentUser();
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  const teams = await listTeams({ actor: user });
  return (
    <div className="min-h-screen">
      <header className="border-b border-gray-200 bg-white">
        {/* One row at 1280 px for every role (the widest, an admin's, has five sections). */}
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight text-gray-900">
            Proofmark
          </Link>
          <TeamSwitcher currentSlug={access.team.slug} teams={teams} />
          <TeamNav
            links={[
              { href: `/t/${access.team.slug}`, label: "Articles" },
              { href: `/t/${access.team.slug}/evidence`, label: "Evidence" },
              ...(can(access, "annotation.review")
                ? [{ href: `/t/${access.team.slug}/review`, label: "Review" }]
                : []),
              { href: `/t/${access.team.slug}/dashboard`, label: "Dashboard" },
              // Admins' settings (members, API tokens, webhooks, verdicts) are one section with its
              // own tabs (settings/layout.tsx); everyone else sees the member list.
              {
                href: `/t/${access.team.slug}/settings`,
                label: can(access, "member.manage") ? "Settings" : "Members",
              },
            ]}
          />
          <div className="ml-auto flex items-center gap-3 text-sm text-gray-700">
            <span
              className="max-w-[7rem] truncate sm:max-w-[14rem]"
              title={`${user.name} (${access.role.toLowerCase()})`}
            >
              <span className="sr-only">Signed in as </span>
              {user.name} <span className="text-gray-600">({access.role.toLowerCase()})</span>
            </span>
            <NotificationBell />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
