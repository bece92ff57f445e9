import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgreementPanel } from "@/components/moderation/agreement-panel";
import { getTeamAgreement } from "@/lib/agreement/get-agreement";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function TeamDashboardPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const user = await requireCurrentUser();
  const agreement = await getTeamAgreement({ actor: user, teamSlug: team }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">Dashboard</h1>
      <AgreementPanel title="Agreement across the team's articles" agreement={agreement} />
      <p className="text-sm text-gray-700">
        How these figures are computed: units are passages where tags overlap; α compares the labels different
        annotators gave the same passage (1 = full agreement, 0 = no better than chance).
      </p>
    </div>
  );
}
