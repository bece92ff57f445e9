import type { AnnotationJson } from "../../lib/annotations/annotation-json.ts";
import { type LiveAnnotation, toLiveAnnotation } from "../../lib/annotations/live-entry.ts";

const liveForms = new WeakMap<AnnotationJson, LiveAnnotation>();

/**
 * The live map's form of each fixture annotation (lib/annotations/live-entry.ts), one object per
 * fixture, so that tests of the incremental resolver can check identity.
 */
export function live(annotations: readonly AnnotationJson[]): LiveAnnotation[] {
  return annotations.map((annotation) => {
    let form = liveForms.get(annotation);
    if (!form) {
      form = toLiveAnnotation(annotation);
      liveForms.set(annotation, form);
    }
    return form;
  });
}
