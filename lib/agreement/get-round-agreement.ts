import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { can } from "../policies/team.ts";
import { loadRoundAnnotations, originalLabelOf } from "../rounds/get-adjudication.ts";
import { getRoundAccessOrThrow } from "../rounds/get-round.ts";
import { assertCan, requireTeamAction } from "../teams/access.ts";
import { labelName } from "../validation/annotations.ts";
import { type RoundStatistics, roundStatistics } from "./round-statistics.ts";

/** One round's agreement as the dashboard and the adjudication view show it. */
export interface RoundAgreementJson extends RoundStatistics {
  roundId: string;
  articleId: string;
  articleTitle: string;
  status: "open" | "revealed" | "closed";
  annotators: number;
  createdAt: string;
}

async function statisticsOf(round: {
  id: string;
  articleId: string;
  status: string;
  createdAt: Date;
  annotatorIds: string[];
}): Promise<RoundAgreementJson> {
  const [rows, article] = await Promise.all([
    loadRoundAnnotations(round.id),
    db.article.findUniqueOrThrow({ where: { id: round.articleId }, select: { title: true, text: true } }),
  ]);
  const spans = rows.map((row) => ({ ...row, label: labelName(originalLabelOf(row)) }));
  return {
    roundId: round.id,
    articleId: round.articleId,
    articleTitle: article.title,
    status: round.status.toLowerCase() as RoundAgreementJson["status"],
    annotators: round.annotatorIds.length,
    createdAt: round.createdAt.toISOString(),
    ...roundStatistics(spans, round.annotatorIds, article.text.length),
  };
}

/**
 * The agreement of one blind round, from the labels its annotators gave (before adjudication).
 * Moderators see it at any time; other members once the round is revealed.
 * @throws AppError not_found | forbidden (an open round, for others than moderators)
 */
export async function getRoundAgreement({
  actor,
  roundId,
}: {
  actor: Actor;
  roundId: string;
}): Promise<RoundAgreementJson> {
  const { round, access } = await getRoundAccessOrThrow(actor, roundId);
  assertCan(access, round.status === "OPEN" ? "round.manage" : "team.read");
  return statisticsOf({ ...round, annotatorIds: round.assignments.map((a) => a.annotator.id) });
}

/**
 * The agreement of the team's revealed and closed blind rounds, newest first (at most `limit`):
 * the dashboard's per-round figures, only from blind rounds.
 * @throws AppError not_found | forbidden
 */
export async function listRoundAgreements({
  actor,
  teamSlug,
  limit = 20,
}: {
  actor: Actor;
  teamSlug: string;
  limit?: number;
}): Promise<RoundAgreementJson[]> {
  const access = await requireTeamAction(actor, { slug: teamSlug }, "team.read");
  const rounds = await db.round.findMany({
    where: {
      teamId: access.team.id,
      article: { deletedAt: null },
      ...(can(access, "round.manage") ? {} : { status: { not: "OPEN" } }),
    },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      articleId: true,
      status: true,
      createdAt: true,
      assignments: { select: { annotatorId: true } },
    },
  });
  const result: RoundAgreementJson[] = [];
  for (const round of rounds)
    result.push(await statisticsOf({ ...round, annotatorIds: round.assignments.map((a) => a.annotatorId) }));
  return result;
}
