import type * as Y from "yjs";
import { type ViewDocumentChange, writeLiveViewDocument } from "../annotations/live-state.ts";
import { db } from "../db.ts";
import {
  encodeRoundProgress,
  ROUND_PROGRESS_MAP,
  type RoundProgressEntry,
} from "./live-round-progress-entry.ts";
import { countRoundAnnotations } from "./round-json.ts";

// Moderators follow each annotator's progress in a blind round live: the server keeps it in a map
// of their full view (`article.<id>.annotations.all`), beside the annotations and verdicts. Only
// that view gets it: an annotator must not learn the others' progress, and the team's view must
// not learn who is in a round or how far they are (docs/MODERATION.md, "Blind rounds").

/**
 * Reads from PostgreSQL the progress of the article's latest round (its live annotations and
 * submission per annotator), of every annotator or only of `annotatorIds`; none without a round.
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
  const counts = await countRoundAnnotations(db, [round.id]);
  return round.assignments.map((assignment) => ({
    roundId: round.id,
    annotator: assignment.annotator,
    submittedAt: assignment.submittedAt?.toISOString() ?? null,
    annotations: counts.get(`${round.id}:${assignment.annotator.id}`) ?? 0,
  }));
}

function setEntries(map: Y.Map<string>, entries: RoundProgressEntry[]): void {
  for (const entry of entries) {
    const value = encodeRoundProgress(entry);
    // An unchanged entry is not rewritten: every write is a frame to every moderator.
    if (map.get(entry.annotator.id) !== value) map.set(entry.annotator.id, value);
  }
}

/** Replaces a document's round-progress map with the given state (on load, and at round changes). */
export function writeRoundProgressState(doc: Y.Doc, entries: RoundProgressEntry[]): void {
  doc.transact(() => {
    const map = doc.getMap<string>(ROUND_PROGRESS_MAP);
    const keep = new Set(entries.map((entry) => entry.annotator.id));
    for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
    setEntries(map, entries);
  });
}

/**
 * The change of the moderators' full view after a committed change that moved round progress:
 * with `annotatorIds`, only their entries (an annotation of theirs created or deleted in the round,
 * their submission); without, the whole map (a round started, extended, revealed). Read from
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
