import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdjudicationView } from "@/components/rounds/adjudication-view";
import { getRoundAgreement } from "@/lib/agreement/get-round-agreement";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { orNotFound } from "@/lib/pages/team-page";
import { getAdjudication } from "@/lib/rounds/get-adjudication";
import { acceptAgreedAction, closeRoundAction, reviewRoundAnnotationAction } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Adjudicate the blind round" };

export default async function AdjudicationPage({
  params,
  searchParams,
}: {
  params: Promise<{ team: string; id: string; roundId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team, id, roundId } = await params;
  const query = await searchParams;
  const user = await requireCurrentUser();
  const adjudication = await orNotFound(getAdjudication({ actor: user, roundId }));
  if (adjudication.articleId !== id) notFound();
  const agreement = await orNotFound(getRoundAgreement({ actor: user, roundId }));
  return (
    <AdjudicationView
      team={team}
      adjudication={adjudication}
      agreement={agreement}
      done={typeof query.done === "string" ? query.done : null}
      error={typeof query.error === "string" ? query.error.slice(0, 300) : null}
      onAcceptAgreed={acceptAgreedAction.bind(null, team, id, roundId)}
      onClose={
        adjudication.round.status === "revealed" ? closeRoundAction.bind(null, team, id, roundId) : null
      }
      reviewAction={(annotationId: string) =>
        reviewRoundAnnotationAction.bind(null, team, id, roundId, annotationId)
      }
    />
  );
}
