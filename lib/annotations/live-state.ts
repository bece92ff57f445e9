import type * as Y from "yjs";
import { annotationsDocumentName } from "../collab/document-name.ts";
import { getCollabInstance, isCollabShared, SERVER_CONTEXT } from "../collab/instance.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { getLogger } from "../observability/logger.ts";
import { type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";
import { ANNOTATIONS_MAP, encodeLiveAnnotation } from "./live-entry.ts";
import { readAnnotationRows } from "./read-annotation-rows.ts";

/**
 * Reads every live annotation of an article from PostgreSQL, the record the live state is built
 * from, in one query with their relations (`readAnnotationRows`, equivalent to ANNOTATION_INCLUDE).
 * @throws nothing beyond database errors
 */
export async function loadAnnotationState(articleId: string): Promise<AnnotationJson[]> {
  const rows = await readAnnotationRows(
    Prisma.sql`a."articleId" = ${articleId}::uuid AND a."deletedAt" IS NULL`,
    Prisma.sql`a.start ASC, a."createdAt" ASC`,
  );
  return rows.map(toAnnotationJson);
}

/** Replaces a document's annotation map with the given state (on load: rebuilt from PostgreSQL). */
export function writeAnnotationState(doc: Y.Doc, annotations: AnnotationJson[]): void {
  doc.transact(() => {
    const map = doc.getMap<string>(ANNOTATIONS_MAP);
    const keep = new Set(annotations.map((annotation) => annotation.id));
    for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
    for (const annotation of annotations) map.set(annotation.id, encodeLiveAnnotation(annotation));
  });
}

/**
 * Writes a committed change into the article's live annotation document, which every client
 * holds read-only (annotations, and the verdicts beside them). Call only after the transaction
 * committed. When the collaboration server in this process holds the document, the change is
 * applied to it in place (Hocuspocus sends the update to every connection and, with Redis, on to
 * the other instances). Otherwise a direct connection opens it when it is being loaded here right
 * now (its load may have read PostgreSQL before the commit) or when other instances may hold it
 * (Redis); in any other case nobody holds it, and its next load rebuilds it from PostgreSQL.
 * @throws nothing (a failed publish is logged under `what`; clients catch up when the document reloads)
 */
export async function writeLiveAnnotationDocument(
  articleId: string,
  what: string,
  apply: (doc: Y.Doc) => void,
): Promise<void> {
  const collab = getCollabInstance();
  if (!collab) return;
  const name = annotationsDocumentName(articleId);
  try {
    const loaded = collab.documents.get(name);
    if (loaded) {
      apply(loaded);
      return;
    }
    if (!collab.loadingDocuments.has(name) && !isCollabShared()) return;
    const connection = await collab.openDirectConnection(name, { ...SERVER_CONTEXT });
    try {
      await connection.transact(apply);
    } finally {
      await connection.disconnect();
    }
  } catch (error) {
    getLogger().error({ err: error }, `[${what}] publishing to article ${articleId} failed`);
  }
}

/**
 * Publishes committed annotation changes into the article's live annotation state.
 * @throws nothing (see writeLiveAnnotationDocument)
 */
export async function publishAnnotations(
  articleId: string,
  change: { upsert?: AnnotationJson[]; remove?: string[] },
): Promise<void> {
  await writeLiveAnnotationDocument(articleId, "annotations", (doc) => applyChange(doc, change));
}

function applyChange(doc: Y.Doc, change: { upsert?: AnnotationJson[]; remove?: string[] }): void {
  doc.transact(() => {
    const map = doc.getMap<string>(ANNOTATIONS_MAP);
    for (const id of change.remove ?? []) map.delete(id);
    for (const annotation of change.upsert ?? []) map.set(annotation.id, encodeLiveAnnotation(annotation));
  });
}
