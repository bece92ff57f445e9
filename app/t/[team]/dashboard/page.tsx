import type { Metadata } from "next";
import { AgreementPanel } from "@/components/moderation/agreement-panel";
import { RoundStatisticsList } from "@/components/rounds/round-statistics-list";
import { getTeamAgreement } from "@/lib/agreement/get-agreement";
import { listRoundAgreements } from "@/lib/agreement/get-round-agreement";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { orNotFound } from "@/lib/pages/team-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function TeamDashboardPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const user = await requireCurrentUser();
  const agreement = await orNotFound(getTeamAgreement({ actor: user, teamSlug: team }));
  const rounds = await orNotFound(listRoundAgreements({ actor: user, teamSlug: team }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">Dashboard</h1>
      <AgreementPanel title="Agreement across the team's articles" agreement={agreement} />
      <p className="text-sm text-gray-700">
        How these figures are computed: units are passages where tags overlap; α compares the labels different
        annotators gave the same passage (1 = full agreement, 0 = no better than chance).
      </p>
      {rounds.length > 0 && (
        <section className="space-y-2">
          <RoundStatisticsList rounds={rounds} caption="Agreement per blind round" teamSlug={team} />
          <p className="text-sm text-gray-700">
            Only blind rounds, where annotators could not see each other: label α over passages two or more
            annotators tagged, positional α over every character (a passage one annotator tagged and another
            left untagged counts against it), Cohen's κ when a round has two annotators. See
            docs/MODERATION.md.
          </p>
        </section>
      )}
    </div>
  );
}
