import type * as Y from "yjs";
import { type AnnotationsView, annotationsViewDocumentName } from "../collab/document-name.ts";
import { getCollabInstance, isCollabShared, SERVER_CONTEXT } from "../collab/instance.ts";
import { changeLiveMap, replaceLiveMap } from "../collab/live-map.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { getLogger } from "../observability/logger.ts";
import {
  type AnnotationViewer,
  isAnnotationVisible,
  TEAM_VIEWER,
  visibleAnnotationSql,
} from "../rounds/annotation-visibility.ts";
import {
  type ArticleRoundFacts,
  articleAnnotationViews,
  loadArticleRoundFacts,
  viewerOfView,
} from "../rounds/round-documents.ts";
import { type AnnotationJson, toAnnotationJson } from "./annotation-json.ts";
import {
  ANNOTATIONS_MAP,
  encodeLiveAnnotation,
  livePeople,
  PEOPLE_MAP,
  VIEW_CHANGES_MAP,
} from "./live-entry.ts";
import { readAnnotationRows } from "./read-annotation-rows.ts";

/**
 * Reads the live annotations of an article that `viewer` may see from PostgreSQL, the record the
 * live state is built from, in one query with their relations (`readAnnotationRows`, equivalent
 * to ANNOTATION_INCLUDE). The visibility rule is lib/rounds/annotation-visibility.ts's.
 * @throws nothing beyond database errors
 */
export async function loadAnnotationState(
  articleId: string,
  viewer: AnnotationViewer = TEAM_VIEWER,
): Promise<AnnotationJson[]> {
  const rows = await readAnnotationRows(
    Prisma.sql`a."articleId" = ${articleId}::uuid AND a."deletedAt" IS NULL AND ${visibleAnnotationSql(viewer)}`,
    Prisma.sql`a.start ASC, a."createdAt" ASC`,
  );
  return rows.map(toAnnotationJson);
}

/** Replaces a document's annotation map with the given state (on load: rebuilt from PostgreSQL). */
export function writeAnnotationState(doc: Y.Doc, annotations: AnnotationJson[]): void {
  doc.transact(() => {
    const people = new Map<string, string>();
    for (const annotation of annotations) for (const entry of livePeople(annotation)) people.set(...entry);
    replaceLiveMap(doc, PEOPLE_MAP, [...people]);
    replaceLiveMap(doc, ANNOTATIONS_MAP, annotations.map(liveEntry));
  });
}

function liveEntry(annotation: AnnotationJson): [string, Uint8Array] {
  return [annotation.id, encodeLiveAnnotation(annotation)];
}

// Sets the names the annotation map names, where they are new or changed.
function writePeople(doc: Y.Doc, people: Iterable<[string, string]>): void {
  const map = doc.getMap<string>(PEOPLE_MAP);
  for (const [id, name] of people) if (map.get(id) !== name) map.set(id, name);
}

/** Applies one change to one live annotations document of the article. */
export type LiveDocumentWriter = (doc: Y.Doc, view: AnnotationsView, facts: ArticleRoundFacts) => void;

async function writeOne(name: string, apply: (doc: Y.Doc) => void): Promise<void> {
  const collab = getCollabInstance();
  if (!collab) return;
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
}

/**
 * A change for one view's document only, prepared (it may read PostgreSQL, after the commit) only
 * when that document may be held: the change to apply, or null for none.
 */
export type ViewDocumentChange = () => Promise<((doc: Y.Doc) => void) | null>;

// Whether a document may be held: loaded or loading here, or anywhere when instances share (Redis).
function mayBeHeld(name: string): boolean {
  const collab = getCollabInstance();
  if (!collab) return false;
  return collab.documents.has(name) || collab.loadingDocuments.has(name) || isCollabShared();
}

/**
 * Writes a committed change into one live annotations document of the article (one view only),
 * under the same conditions as writeLiveAnnotationDocument: in place when held here, through a
 * direct connection when being loaded here or when other instances may hold it (Redis), not at all
 * otherwise (its next load rebuilds it). Call only after the transaction committed.
 * @throws nothing (a failed publish is logged under `what`; clients catch up when the document reloads)
 */
export async function writeLiveViewDocument(
  articleId: string,
  view: AnnotationsView,
  what: string,
  change: ViewDocumentChange,
): Promise<void> {
  const name = annotationsViewDocumentName(articleId, view);
  if (!mayBeHeld(name)) return;
  try {
    const apply = await change();
    if (apply) await writeOne(name, apply);
  } catch (error) {
    getLogger().error({ err: error }, `[${what}] publishing to ${name} failed`);
  }
}

// Whether any live document of the article is loaded or loading here (without Redis, nobody
// else can hold one, and a document nobody holds is rebuilt from PostgreSQL when next loaded).
function holdsArticleDocuments(articleId: string): boolean {
  const collab = getCollabInstance();
  if (!collab) return false;
  if (isCollabShared()) return true;
  const prefix = `article.${articleId}.`;
  for (const name of collab.documents.keys()) if (name.startsWith(prefix)) return true;
  for (const name of collab.loadingDocuments.keys()) if (name.startsWith(prefix)) return true;
  return false;
}

/**
 * Writes a committed change into the article's live annotation documents (the team's view, and
 * with blind rounds the moderators' and each round annotator's, lib/rounds/round-documents.ts),
 * which every client holds read-only (annotations, and the verdicts beside them). `apply` is
 * called once per document with the view it holds and must write only what that view may see.
 * Call only after the transaction committed. When the collaboration server in this process holds
 * a document, the change is applied to it in place (Hocuspocus sends the update to every
 * connection and, with Redis, on to the other instances). Otherwise a direct connection opens it
 * when it is being loaded here right now (its load may have read PostgreSQL before the commit) or
 * when other instances may hold it (Redis); in any other case nobody holds it, and its next load
 * rebuilds it from PostgreSQL. `fullView`: a further change for the moderators' full view alone
 * (round progress), written in the same transaction of that document (with Redis, one direct
 * connection instead of two).
 * @throws nothing (a failed publish is logged under `what`; clients catch up when the document reloads)
 */
export async function writeLiveAnnotationDocument(
  articleId: string,
  what: string,
  apply: LiveDocumentWriter,
  fullView?: ViewDocumentChange,
): Promise<void> {
  try {
    if (!holdsArticleDocuments(articleId)) return;
    const fullName = annotationsViewDocumentName(articleId, { kind: "all" });
    const [facts, extra] = await Promise.all([
      loadArticleRoundFacts(articleId),
      fullView && mayBeHeld(fullName) ? fullView() : null,
    ]);
    // In parallel: with Redis each document not held here costs a direct connection.
    await Promise.all(
      articleAnnotationViews(facts).map((view) =>
        writeOne(annotationsViewDocumentName(articleId, view), (doc) =>
          doc.transact(() => {
            apply(doc, view, facts);
            if (view.kind === "all") extra?.(doc);
          }),
        ),
      ),
    );
  } catch (error) {
    getLogger().error({ err: error }, `[${what}] publishing to article ${articleId} failed`);
  }
}

/**
 * Publishes committed annotation changes into the article's live annotation documents, each
 * getting only what its viewer may see (an upsert it may not see removes it there instead).
 * `fullView`: a further change for the moderators' full view (see writeLiveAnnotationDocument).
 * @throws nothing (see writeLiveAnnotationDocument)
 */
export async function publishAnnotations(
  articleId: string,
  change: { upsert?: AnnotationJson[]; remove?: string[] },
  fullView?: ViewDocumentChange,
): Promise<void> {
  await writeLiveAnnotationDocument(
    articleId,
    "annotations",
    (doc, view, facts) => {
      const viewer = viewerOfView(view);
      const upsert: AnnotationJson[] = [];
      const remove = [...(change.remove ?? [])];
      for (const annotation of change.upsert ?? []) {
        const subject = { authorId: annotation.author.id, roundId: annotation.roundId ?? null };
        if (isAnnotationVisible(viewer, subject, facts.openRound)) upsert.push(annotation);
        else remove.push(annotation.id);
      }
      applyChange(doc, { upsert, remove });
    },
    fullView,
  );
}

/**
 * Rebuilds every live annotation document of the article from PostgreSQL (after a round opened or
 * was revealed, when what each view may see changed as a whole). `fullView`: a further change
 * for the moderators' full view (round progress), in the same transaction. Call after the commit.
 * @throws nothing (see writeLiveAnnotationDocument)
 */
export async function republishAnnotationDocuments(
  articleId: string,
  fullView?: ViewDocumentChange,
): Promise<void> {
  const collab = getCollabInstance();
  if (!collab) return;
  try {
    const facts = await loadArticleRoundFacts(articleId);
    await Promise.all(
      articleAnnotationViews(facts).map(async (view) => {
        const name = annotationsViewDocumentName(articleId, view);
        if (!collab.documents.has(name) && !collab.loadingDocuments.has(name) && !isCollabShared()) return;
        const [state, extra] = await Promise.all([
          loadAnnotationState(articleId, viewerOfView(view)),
          view.kind === "all" && fullView ? fullView() : null,
        ]);
        await writeOne(name, (doc) =>
          doc.transact(() => {
            writeAnnotationState(doc, state);
            extra?.(doc);
            doc.getMap<string>(VIEW_CHANGES_MAP).set("at", new Date().toISOString());
          }),
        );
      }),
    );
  } catch (error) {
    getLogger().error({ err: error }, `[rounds] republishing article ${articleId} failed`);
  }
}

function applyChange(doc: Y.Doc, change: { upsert?: AnnotationJson[]; remove?: string[] }): void {
  doc.transact(() => {
    for (const annotation of change.upsert ?? []) writePeople(doc, livePeople(annotation));
    changeLiveMap(doc, ANNOTATIONS_MAP, change.remove ?? [], (change.upsert ?? []).map(liveEntry));
  });
}
