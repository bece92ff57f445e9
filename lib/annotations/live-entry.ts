import { parseLiveObject } from "../collab/live-json.ts";
import type { AnnotationJson } from "./annotation-json.ts";

/**
 * The Y.Map of the annotations document: annotation id → that annotation's AnnotationJson as one
 * JSON string. One string per annotation, not a Yjs object of its fields: a client that opens an
 * article with thousands of annotations decodes one value per annotation instead of every field
 * name and value (tens of thousands of small strings), and parses them with the native JSON.parse.
 */
export const ANNOTATIONS_MAP = "annotations";

/**
 * A Y.Map of the annotations document the server writes when what the whole document may show
 * changed (a blind round was revealed, lib/annotations/live-state.ts): a change tells the page to
 * render again (banner, round panel, which document to open).
 */
export const VIEW_CHANGES_MAP = "viewChanges";

/** How the server stores one annotation in the live annotation map. */
export function encodeLiveAnnotation(annotation: AnnotationJson): string {
  return JSON.stringify(annotation);
}

/**
 * Reads one value of the live annotation map, or null when it is not an annotation (not a JSON
 * string of an object with a string id); the map is written only by the server.
 * @throws nothing
 */
export function decodeLiveAnnotation(value: unknown): AnnotationJson | null {
  const parsed = parseLiveObject(value);
  return parsed && typeof parsed.id === "string" ? (parsed as unknown as AnnotationJson) : null;
}

/**
 * A reader of the live annotation map's entries that parses only the values that changed since
 * its last read: an annotation whose stored string is unchanged keeps its very object, so callers
 * that compare by identity redo only the changed ones. Entries that are not annotations of their
 * key are left out.
 * @throws nothing
 */
export function createLiveAnnotationReader(): (entries: Iterable<[string, unknown]>) => AnnotationJson[] {
  let previous = new Map<string, { raw: unknown; annotation: AnnotationJson | null }>();
  return (entries) => {
    const current = new Map<string, { raw: unknown; annotation: AnnotationJson | null }>();
    const annotations: AnnotationJson[] = [];
    for (const [key, raw] of entries) {
      const before = previous.get(key);
      let entry = before;
      if (!entry || entry.raw !== raw) {
        const annotation = decodeLiveAnnotation(raw);
        entry = { raw, annotation: annotation?.id === key ? annotation : null };
      }
      current.set(key, entry);
      if (entry.annotation) annotations.push(entry.annotation);
    }
    previous = current;
    return annotations;
  };
}
