import { unitiseAnnotations } from "../agreement/unitise-annotations.ts";
import type { Actor } from "../auth/actor.ts";
import { db } from "../db.ts";
import { AppError } from "../errors.ts";
import type { AnnotationStatus, Label } from "../generated/prisma/enums.ts";
import { assertCan, type TeamAccess } from "../teams/access.ts";
import { type LabelName, labelName, type StatusName, statusName } from "../validation/annotations.ts";
import { annotationViewerOf } from "./annotation-visibility.ts";
import { getRoundAccessOrThrow } from "./get-round.ts";
import { countRoundAnnotations, type RoundJson, type RoundRow, toRoundJson } from "./round-json.ts";

/** One round annotation as adjudication shows it. */
export interface AdjudicatedAnnotation {
  id: string;
  authorId: string;
  label: LabelName;
  /** The label the annotator gave in the round (a relabel changes `label`, never this). */
  originalLabel: LabelName;
  status: StatusName;
  quote: string;
  note: string | null;
  start: number;
  end: number;
  version: number;
}

/** A passage: a cluster of overlapping round annotations, each annotator's side by side. */
export interface AdjudicationPassage {
  start: number;
  end: number;
  /** The article text of the passage. */
  text: string;
  /** Every annotator tagged it, all with the same label. */
  agreed: boolean;
  /** The agreed label (null for a conflict). */
  label: LabelName | null;
  /** Nothing in it is pending any more. */
  settled: boolean;
  /** One column per annotator of the round, in the round's order (empty: they left it untagged). */
  columns: { annotatorId: string; annotations: AdjudicatedAnnotation[] }[];
}

/** The moderators' view of a revealed round. */
export interface Adjudication {
  round: RoundJson;
  articleId: string;
  annotators: { id: string; name: string }[];
  /** Conflicts first, then agreed passages, each in text order. */
  passages: AdjudicationPassage[];
  /** Agreed passages with something still pending ("accept all agreed" settles them). */
  agreedPending: number;
}

/** The round annotations a round's adjudication reads. */
export interface RoundAnnotationRow {
  id: string;
  authorId: string;
  label: Label;
  status: AnnotationStatus;
  quote: string;
  note: string | null;
  start: number;
  end: number;
  version: number;
  createdAt: Date;
  reviews: { fromLabel: Label | null }[];
}

/**
 * Reads a round's live annotations with each one's original label (the first review's
 * `fromLabel`, else its label).
 * @throws nothing beyond database errors
 */
export async function loadRoundAnnotations(roundId: string): Promise<RoundAnnotationRow[]> {
  return db.annotation.findMany({
    where: { roundId, deletedAt: null },
    orderBy: [{ start: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      authorId: true,
      label: true,
      status: true,
      quote: true,
      note: true,
      start: true,
      end: true,
      version: true,
      createdAt: true,
      reviews: { orderBy: { createdAt: "asc" }, take: 1, select: { fromLabel: true } },
    },
  });
}

/** The label an annotator gave in the round, before any moderator relabelled it. */
export function originalLabelOf(row: RoundAnnotationRow): Label {
  return row.reviews[0]?.fromLabel ?? row.label;
}

/**
 * Groups a round's annotations into passages (lib/agreement/unitise-annotations.ts clusters) with
 * each annotator's side; conflicts first. Pure.
 * @throws nothing
 */
export function buildPassages(
  rows: readonly RoundAnnotationRow[],
  annotatorIds: readonly string[],
  text: string,
): AdjudicationPassage[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const units = unitiseAnnotations(rows.map((row) => ({ ...row, label: originalLabelOf(row) })));
  const passages = units.map((unit): AdjudicationPassage => {
    const inUnit = unit.annotationIds.map((id) => byId.get(id)!);
    const labels = new Set(unit.values.values());
    const agreed = unit.values.size === annotatorIds.length && labels.size === 1;
    return {
      start: unit.start,
      end: unit.end,
      text: text.slice(unit.start, unit.end),
      agreed,
      label: agreed ? labelName([...labels][0] as Label) : null,
      settled: inUnit.every((row) => row.status !== "PENDING"),
      columns: annotatorIds.map((annotatorId) => ({
        annotatorId,
        annotations: inUnit
          .filter((row) => row.authorId === annotatorId)
          .map((row) => ({
            id: row.id,
            authorId: row.authorId,
            label: labelName(row.label),
            originalLabel: labelName(originalLabelOf(row)),
            status: statusName(row.status),
            quote: row.quote,
            note: row.note,
            start: row.start,
            end: row.end,
            version: row.version,
          })),
      })),
    };
  });
  return [...passages.filter((p) => !p.agreed), ...passages.filter((p) => p.agreed)];
}

/**
 * Loads a revealed (or closed) round for adjudication by a moderator.
 * @throws AppError not_found | forbidden | conflict (the round is still open, unless `allowOpen`)
 */
export async function getAdjudicationAccessOrThrow(
  actor: Actor,
  roundId: string,
  { allowOpen = false }: { allowOpen?: boolean } = {},
): Promise<{ round: RoundRow; access: TeamAccess; rows: RoundAnnotationRow[]; text: string }> {
  const { round, access } = await getRoundAccessOrThrow(actor, roundId);
  assertCan(access, "round.manage");
  if (round.status === "OPEN" && !allowOpen)
    throw new AppError("conflict", "This round is still open; reveal it first");
  const [rows, article] = await Promise.all([
    loadRoundAnnotations(round.id),
    db.article.findUniqueOrThrow({ where: { id: round.articleId }, select: { text: true } }),
  ]);
  return { round, access, rows, text: article.text };
}

/**
 * The moderators' adjudication view of a revealed round: passage by passage, annotators side by
 * side, conflicts first. An open round has no passages yet (adjudication starts at the reveal).
 * @throws AppError not_found | forbidden
 */
export async function getAdjudication({
  actor,
  roundId,
}: {
  actor: Actor;
  roundId: string;
}): Promise<Adjudication> {
  const loaded = await getAdjudicationAccessOrThrow(actor, roundId, { allowOpen: true });
  const { round, access, text } = loaded;
  const rows = round.status === "OPEN" ? [] : loaded.rows;
  const annotators = round.assignments.map((assignment) => assignment.annotator);
  const passages = buildPassages(
    rows,
    annotators.map((annotator) => annotator.id),
    text,
  );
  return {
    round: toRoundJson(round, annotationViewerOf(access), await countRoundAnnotations(db, [round.id])),
    articleId: round.articleId,
    annotators,
    passages,
    agreedPending: passages.filter((passage) => passage.agreed && !passage.settled).length,
  };
}
