import type { Metadata } from "next";
import { TeamSources } from "@/components/evidence/team-sources";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { listTeamSources } from "@/lib/evidence/list-team-sources";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evidence sources" };

export default async function TeamEvidencePage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const user = await requireCurrentUser();
  // The team layout already answered 404 for a team the user is not in.
  const { sources } = await listTeamSources({ actor: user, teamSlug: team });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">Evidence sources</h1>
        <p className="mt-1 text-sm text-gray-700">
          The external sources cited as evidence across this team's articles, most cited first, with how many
          annotations each corroborates or contradicts.
        </p>
      </div>
      <TeamSources sources={sources} />
    </div>
  );
}
