import type { Extension, onLoadDocumentPayload } from "@hocuspocus/server";
import { loadAnnotationState, writeAnnotationState } from "../annotations/live-state.ts";
import { loadRoundProgress, writeRoundProgressState } from "../rounds/live-round-progress.ts";
import { viewerOfView } from "../rounds/round-documents.ts";
import { loadVerdictState, writeVerdictState } from "../verdicts/live-verdicts.ts";
import { parseDocumentName } from "./document-name.ts";
import { refuseFailedLoad } from "./refusal.ts";

/**
 * Builds an article's live annotation document from PostgreSQL whenever it is loaded. The
 * document is never stored: PostgreSQL is the record, and every client connection to it is
 * read-only, so only the server's own writes (lib/annotations/live-state.ts) ever change it.
 */
export function createAnnotationStateExtension(): Extension {
  return {
    extensionName: "proofmark-annotation-state",
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const parsed = parseDocumentName(documentName);
      if (parsed?.kind !== "annotations" || !parsed.view) return;
      // Each annotations document holds one viewer's view (lib/rounds/round-documents.ts).
      const viewer = viewerOfView(parsed.view);
      let state: Awaited<ReturnType<typeof loadAnnotationState>>;
      let verdicts: Awaited<ReturnType<typeof loadVerdictState>>;
      let progress: Awaited<ReturnType<typeof loadRoundProgress>> | null;
      try {
        [state, verdicts, progress] = await Promise.all([
          loadAnnotationState(parsed.articleId, viewer),
          loadVerdictState(parsed.articleId, viewer),
          // Round progress is the moderators' alone: only their full view carries the map.
          parsed.view.kind === "all" ? loadRoundProgress(parsed.articleId) : null,
        ]);
      } catch (error) {
        throw refuseFailedLoad(document, documentName, error);
      }
      writeAnnotationState(document, state);
      writeVerdictState(document, verdicts);
      if (progress) writeRoundProgressState(document, progress);
    },
  };
}
