import type { Tx } from "../db.ts";
import type { RoundStatus } from "../generated/prisma/enums.ts";
import type { AnnotationViewer } from "./annotation-visibility.ts";

/** One annotator of a round and their progress. */
export interface RoundAssignmentJson {
  annotator: { id: string; name: string };
  submittedAt: string | null;
  /** Their live annotations in the round. */
  annotations: number;
}

/** A blind round as the API returns it. */
export interface RoundJson {
  id: string;
  articleId: string;
  status: "open" | "revealed" | "closed";
  dueAt: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  revealedAt: string | null;
  closedAt: string | null;
  annotatorCount: number;
  /** Of the assignments shown. */
  submittedCount: number;
  /** Moderators see everyone's progress, an annotator only their own, others nobody's. */
  assignments: RoundAssignmentJson[];
}

/** What every round read selects. */
export const ROUND_SELECT = {
  id: true,
  teamId: true,
  articleId: true,
  status: true,
  dueAt: true,
  createdAt: true,
  revealedAt: true,
  closedAt: true,
  createdBy: { select: { id: true, name: true } },
  assignments: {
    orderBy: { createdAt: "asc" },
    select: { submittedAt: true, annotator: { select: { id: true, name: true } } },
  },
} as const;

/** A round row as ROUND_SELECT reads it. */
export interface RoundRow {
  id: string;
  teamId: string;
  articleId: string;
  status: RoundStatus;
  dueAt: Date | null;
  createdAt: Date;
  revealedAt: Date | null;
  closedAt: Date | null;
  createdBy: { id: string; name: string };
  assignments: { submittedAt: Date | null; annotator: { id: string; name: string } }[];
}

/**
 * Counts each round annotator's live annotations in the given rounds (key `round:annotator`).
 * @throws nothing beyond database errors
 */
export async function countRoundAnnotations(client: Tx, roundIds: string[]): Promise<Map<string, number>> {
  if (roundIds.length === 0) return new Map();
  const groups = await client.annotation.groupBy({
    by: ["roundId", "authorId"],
    where: { roundId: { in: roundIds }, deletedAt: null },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [`${group.roundId}:${group.authorId}`, group._count._all]));
}

/** Maps a round row to its API form as `viewer` may see it (progress of others only for moderators). */
export function toRoundJson(row: RoundRow, viewer: AnnotationViewer, counts: Map<string, number>): RoundJson {
  const shown = row.assignments.filter(
    (assignment) => viewer.seesAll || assignment.annotator.id === viewer.userId,
  );
  return {
    id: row.id,
    articleId: row.articleId,
    status: row.status.toLowerCase() as RoundJson["status"],
    dueAt: row.dueAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revealedAt: row.revealedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    annotatorCount: row.assignments.length,
    // Of the assignments shown: an annotator learns nothing of the others' progress.
    submittedCount: shown.filter((assignment) => assignment.submittedAt !== null).length,
    assignments: shown.map((assignment) => ({
      annotator: assignment.annotator,
      submittedAt: assignment.submittedAt?.toISOString() ?? null,
      annotations: counts.get(`${row.id}:${assignment.annotator.id}`) ?? 0,
    })),
  };
}
