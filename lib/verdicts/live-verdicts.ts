import type * as Y from "yjs";
import { writeLiveAnnotationDocument } from "../annotations/live-state.ts";
import { changeLiveMap, replaceLiveMap } from "../collab/live-map.ts";
import { db } from "../db.ts";
import {
  type AnnotationViewer,
  TEAM_VIEWER,
  visibleAnnotationWhere,
} from "../rounds/annotation-visibility.ts";
import { VERDICTS_MAP } from "./live-verdict-entry.ts";
import { loadVerdicts, type VerdictJson } from "./verdict-json.ts";

/**
 * Every verdict of live annotations of an article that `viewer` may see, from PostgreSQL.
 * @throws nothing beyond database errors
 */
export async function loadVerdictState(
  articleId: string,
  viewer: AnnotationViewer = TEAM_VIEWER,
): Promise<VerdictJson[]> {
  return loadVerdicts(db, { annotation: { articleId, deletedAt: null, ...visibleAnnotationWhere(viewer) } });
}

/** Replaces a document's verdict map with the given state (on load). */
export function writeVerdictState(doc: Y.Doc, verdicts: VerdictJson[]): void {
  replaceLiveMap(doc, VERDICTS_MAP, verdicts.map(liveEntry));
}

function liveEntry(verdict: VerdictJson): [string, string] {
  return [verdict.annotationId, JSON.stringify(verdict)];
}

function applyChange(doc: Y.Doc, change: { upsert?: VerdictJson[]; remove?: string[] }): void {
  changeLiveMap(doc, VERDICTS_MAP, change.remove ?? [], (change.upsert ?? []).map(liveEntry));
}

/**
 * Publishes committed verdict changes (`remove` lists annotation ids) into the article's live
 * annotation document, exactly as publishAnnotations does for annotations. Call after commit.
 * @throws nothing (a failed publish is logged; clients catch up when the document reloads)
 */
export async function publishVerdicts(
  articleId: string,
  change: { upsert?: VerdictJson[]; remove?: string[] },
): Promise<void> {
  // A round annotator's view shows only their own annotations: it gets verdicts when it loads.
  await writeLiveAnnotationDocument(articleId, "verdicts", (doc, view) => {
    if (view.kind !== "round") applyChange(doc, change);
  });
}
