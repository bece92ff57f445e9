import { redirect } from "next/navigation";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { orNotFound } from "@/lib/pages/team-page";
import { getTeamAccessOrThrow } from "@/lib/teams/access";

/** The settings section opens on the member list (every member may read it). */
export default async function SettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const user = await requireCurrentUser();
  const access = await orNotFound(getTeamAccessOrThrow(user, { slug }));
  redirect(`/t/${access.team.slug}/settings/members`);
}
