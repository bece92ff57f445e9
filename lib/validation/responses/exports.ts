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
