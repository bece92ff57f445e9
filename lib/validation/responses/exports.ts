import { z } from "zod";
import { ZId } from "./common.ts";

/** lib/import/import-team-export.ts ImportResult */
export const ZImportResult = z.object({
  articles: z.array(
    z.object({ id: ZId, importedFromId: ZId, title: z.string(), annotations: z.number().int().min(0) }),
  ),
  annotations: z.number().int().min(0),
  evidence: z.number().int().min(0),
  dropped: z.array(z.object({ evidenceId: z.string(), annotationId: z.string(), reason: z.string() })),
});

/** lib/export/to-w3c.ts: a W3C Web Annotation AnnotationCollection (only its frame is checked here). */
export const ZW3cCollection = z
  .looseObject({
    "@context": z.unknown(),
    type: z.literal("AnnotationCollection"),
    first: z.looseObject({ items: z.array(z.unknown()) }),
  })
  .meta({
    description:
      "A W3C Web Annotation AnnotationCollection (JSON-LD, http://www.w3.org/ns/anno.jsonld); every annotation is in first.items with a tagging body (the label), linking bodies (evidence, with proofmark:relation) and TextQuoteSelector + TextPositionSelector (Unicode code points)",
  });
