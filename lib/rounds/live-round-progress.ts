import type * as Y from "yjs";
import { type ViewDocumentChange, writeLiveViewDocument } from "../annotations/live-state.ts";
import { db } from "../db.ts";
import {
  encodeRoundProgress,
  ROUND_PROGRESS_MAP,
  type RoundProgressEntry,
  roundProgressKey,
} from "./live-round-progress-entry.ts";
import { countRoundAnnotations } from "./round-json.ts";

// Moderators follow each annotator's progress in a blind round live: the server keeps it in a map
// of their full view (`article.<id>.annotations.all`), beside the annotations and verdicts. Only
// that view gets it: an annotator must not learn the others' progress, and the team's view must
// not learn who is in a round or how far they are (docs/MODERATION.md, "Blind rounds").

/**
 * Reads from PostgreSQL the progress of the article's latest round (its live annotations and
 * submission per annotator, and how many changes moved it), of every annotator or only of
 * `annotatorIds`; none without a round.
 * @throws nothing beyond database errors
 */
export async function loadRoundProgress(
  articleId: string,
  annotatorIds?: string[],
): Promise<RoundProgressEntry[]> {
  const round = await db.round.findFirst({
    where: { articleId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      assignments: {
        where: annotatorIds ? { annotatorId: { in: annotatorIds } } : {},
        orderBy: { createdAt: "asc" },
        select: { submittedAt: true, annotator: { select: { id: true, name: true } } },
      },
    },
  });
  if (!round || round.assignments.length === 0) return [];
  const [live, made] = await Promise.all([
    countRoundAnnotations(db, [round.id]),
    db.annotation.groupBy({
      by: ["authorId"],
      where: { roundId: round.id },
      _count: { _all: true },
    }),
  ]);
  const madeBy = new Map(made.map((group) => [group.authorId, group._count._all]));
  return round.assignments.map((assignment) => {
    const annotations = live.get(`${round.id}:${assignment.annotator.id}`) ?? 0;
    const total = madeBy.get(assignment.annotator.id) ?? 0;
    return {
      roundId: round.id,
      annotator: assignment.annotator,
      submittedAt: assignment.submittedAt?.toISOString() ?? null,
      annotations,
      // Each creation, each deletion (total − live) and the submission is one change.
      version: total + (total - annotations) + (assignment.submittedAt ? 1 : 0),
    };
  });
}

// Writes each entry under its versioned key, unless there, and removes the older versions of the
// same annotator's progress that this copy knows (never a newer one: a publish that read before
// another's may arrive after it).
function setEntries(map: Y.Map<string>, entries: RoundProgressEntry[]): void {
  for (const entry of entries) {
    const key = roundProgressKey(entry);
    if (!map.has(key)) map.set(key, encodeRoundProgress(entry));
    const prefix = `${entry.roundId}.${entry.annotator.id}.`;
    for (const other of [...map.keys()]) {
      if (!other.startsWith(prefix) || other === key) continue;
      if (Number(other.slice(prefix.length)) < entry.version) map.delete(other);
    }
  }
}

/**
 * Writes a document's round-progress map from the given state (on load, and at the reveal): the
 * entries of other rounds, or of annotators no longer in it, go.
 */
export function writeRoundProgressState(doc: Y.Doc, entries: RoundProgressEntry[]): void {
  doc.transact(() => {
    const map = doc.getMap<string>(ROUND_PROGRESS_MAP);
    const keep = new Set(entries.map((entry) => `${entry.roundId}.${entry.annotator.id}.`));
    for (const key of [...map.keys()]) {
      const prefix = key.slice(0, key.lastIndexOf(".") + 1);
      if (!keep.has(prefix)) map.delete(key);
    }
    setEntries(map, entries);
  });
}

/**
 * The change of the moderators' full view after a committed change that moved round progress:
 * with `annotatorIds`, only their entries (an annotation of theirs created or deleted in the round,
 * their submission); without, the whole map (the reveal). Read from
 * PostgreSQL when it runs (after the commit), so the map says what is stored. For
 * publishAnnotations' `fullView`, or publishRoundProgress.
 * @throws nothing itself (the returned function throws database errors to its caller, which logs them)
 */
export function roundProgressChange(articleId: string, annotatorIds?: string[]): ViewDocumentChange {
  return async () => {
    const entries = await loadRoundProgress(articleId, annotatorIds);
    if (!annotatorIds) return (doc) => writeRoundProgressState(doc, entries);
    if (entries.length === 0) return null;
    return (doc) => doc.transact(() => setEntries(doc.getMap<string>(ROUND_PROGRESS_MAP), entries));
  };
}

/**
 * Publishes the article's round progress into the moderators' live view, and no other, after a
 * committed change that moved it (see roundProgressChange). Call after the commit.
 * @throws nothing (a failed publish is logged; the map is rebuilt when the document reloads)
 */
export async function publishRoundProgress(articleId: string, annotatorIds?: string[]): Promise<void> {
  await writeLiveViewDocument(
    articleId,
    { kind: "all" },
    "round progress",
    roundProgressChange(articleId, annotatorIds),
  );
}
