import { TeamNav } from "@/components/layout/team-nav";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { orNotFound, type TeamLayoutProps } from "@/lib/pages/team-page";
import { can } from "@/lib/policies/team";
import { getTeamAccessOrThrow } from "@/lib/teams/access";

/** The settings pages' tabs: the ones this member may open (admins: all five). */
export default async function SettingsLayout({ children, params }: TeamLayoutProps) {
  const { team: slug } = await params;
  const user = await requireCurrentUser();
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  const base = `/t/${access.team.slug}/settings`;
  const links = [
    { href: `${base}/members`, label: "Members" },
    ...(can(access, "token.manage") ? [{ href: `${base}/tokens`, label: "API tokens" }] : []),
    ...(can(access, "webhook.manage") ? [{ href: `${base}/webhooks`, label: "Webhooks" }] : []),
    ...(can(access, "team.settings") ? [{ href: `${base}/verdicts`, label: "Verdicts" }] : []),
    ...(can(access, "team.settings") ? [{ href: `${base}/evidence`, label: "Evidence" }] : []),
  ];
  return (
    <div className="space-y-6">
      {links.length > 1 && (
        <div className="overflow-x-auto border-b border-gray-200 pb-2">
          <TeamNav links={links} label="Settings" />
        </div>
      )}
      {children}
    </div>
  );
}
