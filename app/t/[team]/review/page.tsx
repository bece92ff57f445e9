import type { Metadata } from "next";
import { ReviewQueue } from "@/components/moderation/review-queue";
import { PageNotAllowed } from "@/components/ui/page-heading";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { listOpenDisagreements } from "@/lib/moderation/list-disagreements";
import { listQueueFilterOptions } from "@/lib/moderation/list-queue-filter-options";
import { listReviewQueue } from "@/lib/moderation/list-review-queue";
import { notFoundIfMissing } from "@/lib/pages/team-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewQueuePage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const user = await requireCurrentUser();
  try {
    const options = await listQueueFilterOptions({ actor: user, teamSlug: team });
    const [initial, { disagreements }] = await Promise.all([
      listReviewQueue({ actor: user, teamSlug: team, query: {} }),
      listOpenDisagreements({ actor: user, teamSlug: team, query: {} }),
    ]);
    return (
      <ReviewQueue
        team={team}
        currentUserId={user.userId}
        articles={options.articles}
        authors={options.authors}
        initial={initial}
        initialDisagreements={disagreements}
      />
    );
  } catch (error) {
    notFoundIfMissing(error);
    if (error instanceof AppError && error.code === "forbidden") {
      return (
        <PageNotAllowed title="Review queue">Only moderators and admins review annotations.</PageNotAllowed>
      );
    }
    throw error;
  }
}
