import { redirect } from "next/navigation";
import { requireTeamPageAccess } from "@/lib/pages/team-page";

/** The settings section opens on the member list (every member may read it). */
export default async function SettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { access } = await requireTeamPageAccess(slug);
  redirect(`/t/${access.team.slug}/settings/members`);
}
