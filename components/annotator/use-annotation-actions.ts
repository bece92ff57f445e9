"use client";

import type { Editor } from "@tiptap/core";
import { useCallback, useMemo, useState } from "react";
import type { EvidenceActions } from "@/components/evidence/evidence-section";
import type { VerdictActions } from "@/components/verdicts/verdict-context";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import type { LabelName } from "@/lib/validation/annotations";
import { mountedDom } from "./editor-dom";
import { LABEL_META } from "./labels";
import type { SidebarActions } from "./own-annotation-controls";
import type { PendingSelection } from "./use-text-selection";

type ActionResult = { ok: true; annotation?: AnnotationJson } | { ok: false; error: string };

/** The server actions the annotator receives from its page. */
export interface AnnotatorActions {
  create: (articleId: string, input: unknown) => Promise<ActionResult>;
  update: (annotationId: string, input: unknown) => Promise<ActionResult>;
  remove: (annotationId: string, version: number) => Promise<ActionResult>;
  evidence: EvidenceActions;
  /** The verdict form's actions (its evidence list comes from `evidence.list`). */
  verdicts: Omit<VerdictActions, "listEvidence">;
}

/** Said when a server action did not answer (the network, the server gone). */
const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/** Runs a server action; one that throws is a failure with the unreachable message. */
async function settle(call: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await call();
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}

/**
 * Tagging the pending selection (over the page's open annotations websocket when it is synced,
 * else through the create server action), and changing or deleting one's own annotations from the
 * sidebar, through the server actions the page passed. `busy` is set while a tag is being saved
 * and always cleared after, failure or not; `error` is the last refusal. After a tag made from
 * the keyboard in caret browsing the caret stays at the end of what was tagged, and `say`
 * announces it.
 */
export function useAnnotationActions({
  articleId,
  actions,
  canAnnotate,
  pending,
  clearPending,
  caretBrowsing,
  editor,
  say,
  createLive,
}: {
  articleId: string;
  actions: AnnotatorActions;
  canAnnotate: boolean;
  pending: PendingSelection | null;
  clearPending: () => void;
  caretBrowsing: boolean;
  editor: Editor | null;
  say: (text: string) => void;
  /** Tags over the open annotations websocket; null when it is not open (then the server action). */
  createLive?: (input: unknown) => Promise<ActionResult> | null;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const tag = useCallback(
    async (label: LabelName, note = "") => {
      if (!pending || busy) return;
      setBusy(true);
      setError(null);
      const input = {
        label,
        start: pending.start,
        end: pending.end,
        quote: pending.quote,
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      // A command sent but never acknowledged is not sent again over HTTP (it may have been saved).
      const result = await settle(() => createLive?.(input) ?? actions.create(articleId, input));
      setBusy(false);
      if (result.ok) {
        clearPending();
        // Collapsed in the editor's own state, not only in the DOM: a live update redrawing the
        // body before the editor read the DOM selection would otherwise put the tagged range back,
        // and the popover with it.
        if (editor && !editor.isDestroyed) editor.commands.setTextSelection(editor.state.selection.to);
        if (caretBrowsing && mountedDom(editor)?.contains(document.activeElement)) {
          // Keyboard users keep their place: the caret goes to the end of what they tagged.
          document.getSelection()?.collapseToEnd();
          say(`Tagged “${pending.quote.slice(0, 80)}” as ${LABEL_META[label].name}`);
        } else document.getSelection()?.removeAllRanges();
      } else {
        setError(result.error);
      }
    },
    [actions, articleId, busy, pending, clearPending, caretBrowsing, editor, say, createLive],
  );

  // Stable, so that the memoised sidebar skips renders caused by the selection or the popover.
  const sidebarActions = useMemo<SidebarActions | null>(
    () =>
      canAnnotate
        ? {
            update: async (annotation, input) => {
              const result = await settle(() =>
                actions.update(annotation.id, { ...input, version: annotation.version }),
              );
              return result.ok ? { ok: true } : result;
            },
            remove: async (annotation) => {
              const result = await settle(() => actions.remove(annotation.id, annotation.version));
              return result.ok ? { ok: true } : result;
            },
          }
        : null,
    [canAnnotate, actions],
  );

  return { tag, busy, error, sidebarActions };
}
