// Over 400 lines: the annotator (editor, selection, live state); issue 22 item 4 (useTextSelection etc.) splits it, not done yet.
"use client";

import type { Node as PMNode } from "@tiptap/pm/model";
import { EditorContent } from "@tiptap/react";
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { LiveStatusLine, useArticleBody } from "@/components/articles/article-editor";
import type { EvidenceActions } from "@/components/evidence/evidence-section";
import { Alert } from "@/components/ui/alert";
import { type VerdictActions, VerdictProvider } from "@/components/verdicts/verdict-context";
import { normaliseSpan } from "@/lib/anchors/anchor";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { BODY_FIELD } from "@/lib/articles/body-document";
import { plainTextWithMap } from "@/lib/articles/plain-text";
import type { LabelName } from "@/lib/validation/annotations";
import { AnnotationSidebar, type SidebarActions } from "./annotation-sidebar";
import { AnnotationHighlights, currentHighlightRanges, showHighlights } from "./highlight-extension";
import { LABEL_META } from "./labels";
import { openEarlyConnections } from "./live-connection";
import { PresenceAvatars } from "./presence-avatars";
import { createAnnotationResolver } from "./resolve-annotations";
import { SelectionPopover } from "./selection-popover";
import { buildHighlightRanges, pmSelectionToPlainSpan } from "./text-map";
import { useAnnotationState } from "./use-annotation-state";

type ActionResult = { ok: true; annotation?: AnnotationJson } | { ok: false; error: string };

export interface AnnotatorActions {
  create: (articleId: string, input: unknown) => Promise<ActionResult>;
  update: (annotationId: string, input: unknown) => Promise<ActionResult>;
  remove: (annotationId: string, version: number) => Promise<ActionResult>;
  evidence: EvidenceActions;
  /** The verdict form's actions (its evidence list comes from `evidence.list`). */
  verdicts: Omit<VerdictActions, "listEvidence">;
}

interface PendingSelection {
  start: number;
  end: number;
  quote: string;
  position: { top: number; left: number };
}

const EXTENSIONS = [AnnotationHighlights];
// Body edits arrive per keystroke; anchors are re-resolved at most this often (highlights are
// mapped through each edit in between, so they never lag visibly).
const RESOLVE_DELAY_MS = 120;
// The server-rendered body is replaced by the live editor once the live body and the live
// annotations are both there; if the annotations lag this long behind the body, the editor is
// shown without them (they are painted when they arrive) so that correctors are not kept waiting.
const ANNOTATIONS_WAIT_MS = 2000;

// As soon as this module is evaluated in the browser, before React hydrates the article page:
// opens its two live documents so that the server loads and sends them meanwhile.
if (typeof window !== "undefined") openEarlyConnections(window.location.pathname);

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * The article page's live body with its annotations: highlights for everyone, tagging for
 * those allowed to annotate (a popover under the selection, keys 1/2/3 or F/O/A; Alt+1/2/3 in
 * an editable body, where plain keys are typing), the sidebar and who is here.
 */
export function AnnotatedArticle({
  articleId,
  team,
  canCorrect,
  canAnnotate,
  user,
  header,
  fallback,
  footer,
  actions,
  canGiveVerdicts = false,
}: {
  articleId: string;
  /** The team's slug. */
  team: string;
  canCorrect: boolean;
  canAnnotate: boolean;
  user: { id: string; name: string };
  header: ReactNode;
  fallback: ReactNode;
  footer: ReactNode;
  actions: AnnotatorActions;
  /** Moderators and admins: the sidebar offers the verdict form on approved facts. */
  canGiveVerdicts?: boolean;
}) {
  const { ydoc, provider, editor, status, synced, problem, retry } = useArticleBody({
    articleId,
    canCorrect,
    user,
    extensions: EXTENSIONS,
  });
  const { annotations, live: annotationsLive, verdicts } = useAnnotationState(articleId);
  const verdictActions = useMemo<VerdictActions>(
    () => ({ ...actions.verdicts, listEvidence: actions.evidence.list }),
    [actions.verdicts, actions.evidence.list],
  );
  // The server-rendered body (with the highlights the server knew) stays until the live editor
  // can show the same, so highlights never blink out; once shown, the editor stays.
  const [editorShown, setEditorShown] = useState(false);
  const showEditor = editorShown || (synced && editor !== null && annotationsLive);
  useEffect(() => {
    if (showEditor) setEditorShown(true);
    else if (synced) {
      const timer = setTimeout(() => setEditorShown(true), ANNOTATIONS_WAIT_MS);
      return () => clearTimeout(timer);
    }
  }, [showEditor, synced]);
  const [bodyVersion, setBodyVersion] = useState(0);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [chooser, setChooser] = useState<{ ids: string[]; top: number; left: number } | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const popoverRef = useRef<HTMLDivElement>(null);
  const sidebarRef = useRef<HTMLDivElement>(null);
  // Counts body updates as they happen; the resolver re-indexes the body only when it moved on.
  const bodyChanges = useRef(0);
  const resolve = useMemo(() => createAnnotationResolver(), []);
  // The plain text and block map of the editor's current document, computed once per document.
  const textMap = useRef<{ doc: PMNode; map: ReturnType<typeof plainTextWithMap> } | null>(null);
  const textMapOf = useCallback((doc: PMNode) => {
    if (textMap.current?.doc !== doc) textMap.current = { doc, map: plainTextWithMap(doc) };
    return textMap.current.map;
  }, []);

  // Re-resolve anchors when the body changes (debounced).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      bodyChanges.current++;
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        setBodyVersion((version) => version + 1);
      }, RESOLVE_DELAY_MS);
    };
    ydoc.on("update", onUpdate);
    return () => {
      ydoc.off("update", onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [ydoc]);

  // Only the annotations that changed are resolved again, unless the body changed too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: bodyVersion marks a change inside ydoc
  const resolved = useMemo(
    () =>
      resolve(
        annotations,
        synced ? { doc: ydoc, fragment: ydoc.getXmlFragment(BODY_FIELD) } : null,
        bodyChanges.current,
      ),
    [annotations, synced, ydoc, bodyVersion, resolve],
  );
  const [announcement, setAnnouncement] = useState("");
  const seenIds = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!annotationsLive) return;
    const seen = seenIds.current;
    seenIds.current = new Set(annotations.map((annotation) => annotation.id));
    // The first state is what was already there; announce only what others add afterwards.
    if (!seen) return;
    const added = annotations.filter(
      (annotation) => !seen.has(annotation.id) && annotation.author.id !== user.id,
    );
    if (added.length === 1) {
      const [annotation] = added;
      setAnnouncement(
        `${annotation!.author.name} tagged “${annotation!.quote.slice(0, 80)}” as ${LABEL_META[annotation!.label].name}`,
      );
    } else if (added.length > 1) {
      setAnnouncement(`${added.length} new highlights from others`);
    }
  }, [annotations, annotationsLive, user.id]);
  const byId = useMemo(
    () => new Map(resolved.map((item) => [item.annotation.id, item.annotation])),
    [resolved],
  );

  // Show the resolved highlights in the editor, in the same frame as the commit that resolved
  // them (a layout effect: no frame passes between the new state and its highlight). Only the
  // changed highlights are redrawn.
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed || !synced) return;
    const { text, blocks } = textMapOf(editor.state.doc);
    const anchored = [];
    for (const { annotation, span } of resolved) {
      // The editor may briefly lag the Yjs document; such a highlight waits for the next pass.
      if (span && text.slice(span.start, span.end) === annotation.quote)
        anchored.push({ id: annotation.id, label: annotation.label, start: span.start, end: span.end });
    }
    const ranges = buildHighlightRanges(blocks, anchored);
    // Nothing shown and nothing to show: leave the editor alone (no transaction per keystroke).
    if (ranges.length === 0 && currentHighlightRanges(editor.view).length === 0) return;
    showHighlights(editor.view, ranges, activeId);
  }, [editor, synced, resolved, activeId, textMapOf]);

  // Follow the text selection inside the article (people who may annotate only).
  useEffect(() => {
    if (!canAnnotate || !editor) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      if (popoverRef.current?.contains(document.activeElement)) return;
      const selection = document.getSelection();
      const container = containerRef.current;
      const dom = editor.view.dom;
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !container) {
        setPending(null);
        return;
      }
      const range = selection.getRangeAt(0);
      if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) {
        setPending(null);
        return;
      }
      let from: number;
      let to: number;
      try {
        from = editor.view.posAtDOM(range.startContainer, range.startOffset);
        to = editor.view.posAtDOM(range.endContainer, range.endOffset);
      } catch {
        return;
      }
      const { text, blocks } = textMapOf(editor.state.doc);
      const raw = pmSelectionToPlainSpan(blocks, from, to);
      const span = raw && normaliseSpan(text, raw.start, raw.end);
      if (!span) {
        setPending(null);
        return;
      }
      const rect = range.getBoundingClientRect();
      const box = container.getBoundingClientRect();
      setPending({
        start: span.start,
        end: span.end,
        quote: text.slice(span.start, span.end),
        position: {
          top: rect.bottom - box.top + 8,
          left: Math.max(0, Math.min(rect.left - box.left, box.width - 320)),
        },
      });
      setChooser(null);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    document.addEventListener("selectionchange", schedule);
    return () => {
      document.removeEventListener("selectionchange", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [canAnnotate, editor, textMapOf]);

  const tag = useCallback(
    async (label: LabelName, note = "") => {
      if (!pending || busy) return;
      setBusy(true);
      setError(null);
      const result = await actions.create(articleId, {
        label,
        start: pending.start,
        end: pending.end,
        quote: pending.quote,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setBusy(false);
      if (result.ok) {
        setPending(null);
        document.getSelection()?.removeAllRanges();
      } else {
        setError(result.error);
      }
    },
    [actions, articleId, busy, pending],
  );

  // Shortcuts while text is selected: 1/2/3 or F/O/A in a read-only body; Alt+1/2/3 in an
  // editable one (there plain keys type into the article).
  useEffect(() => {
    if (!pending || !canAnnotate) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (popoverRef.current?.contains(event.target as Node)) return; // the popover handles its own keys
      if (isTextField(event.target) && !(canCorrect && event.altKey)) return;
      if (event.key === "Escape") {
        setPending(null);
        return;
      }
      let label: LabelName | null = null;
      if (event.altKey) {
        const digit = event.code.startsWith("Digit") ? event.code.slice(5) : "";
        label = (["fact", "opinion", "advocacy"] as const).find((l) => LABEL_META[l].digit === digit) ?? null;
      } else if (!canCorrect) {
        const key = event.key.toLowerCase();
        label =
          (["fact", "opinion", "advocacy"] as const).find((l) => LABEL_META[l].keys.includes(key)) ?? null;
      }
      if (label) {
        event.preventDefault();
        void tag(label);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [pending, canAnnotate, canCorrect, tag]);

  const focusSidebarItem = useCallback((id: string) => {
    // The sidebar renders a selected row that was not rendered yet on its next commit: wait for it.
    let frames = 0;
    const attempt = () => {
      const item = sidebarRef.current?.querySelector<HTMLElement>(
        `[data-sidebar-annotation="${CSS.escape(id)}"]`,
      );
      if (!item) {
        if (++frames < 30) requestAnimationFrame(attempt);
        return;
      }
      item.scrollIntoView({ block: "nearest", behavior: "smooth" });
      item.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
    };
    requestAnimationFrame(attempt);
  }, []);

  const selectFromDocument = useCallback(
    (id: string) => {
      setActiveId(id);
      setChooser(null);
      focusSidebarItem(id);
    },
    [focusSidebarItem],
  );

  const selectFromSidebar = useCallback(
    (id: string) => {
      setActiveId(id);
      const element = editor?.isDestroyed
        ? null
        : editor?.view.dom.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`);
      if (!element) return;
      element.scrollIntoView({ block: "center", behavior: "smooth" });
      // Flash every piece of the highlight once.
      for (const piece of editor?.view.dom.querySelectorAll<HTMLElement>(
        `[data-badge-for="${CSS.escape(id)}"]`,
      ) ?? [])
        piece.animate?.([{ transform: "scale(1.6)" }, { transform: "scale(1)" }], { duration: 700 });
    },
    [editor],
  );

  // A link to `?annotation=<id>` (evidence back-links, the review queue) opens with that
  // annotation selected and scrolled to, once it and the highlights are there.
  const linkedHandled = useRef(false);
  useEffect(() => {
    if (linkedHandled.current || !synced) return;
    const linked = new URLSearchParams(window.location.search).get("annotation");
    if (!linked) {
      linkedHandled.current = true;
      return;
    }
    if (!resolved.some((item) => item.annotation.id === linked)) return;
    // Let the highlight decorations paint first.
    const timer = setTimeout(() => {
      linkedHandled.current = true;
      selectFromSidebar(linked);
    }, 150);
    return () => clearTimeout(timer);
  }, [resolved, synced, selectFromSidebar]);

  const onBodyClick = (event: React.MouseEvent) => {
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const dom = editor?.view.dom;
    if (!dom || !containerRef.current) return;
    const ids: string[] = [];
    for (let node = event.target as HTMLElement | null; node && node !== dom; node = node.parentElement) {
      const id = node.dataset?.annotationId;
      if (id && !ids.includes(id)) ids.push(id);
    }
    if (ids.length === 0) {
      setChooser(null);
      return;
    }
    if (ids.length === 1) {
      selectFromDocument(ids[0]!);
      return;
    }
    const box = containerRef.current.getBoundingClientRect();
    setChooser({
      ids: ids.reverse(),
      top: event.clientY - box.top + 12,
      left: Math.max(0, Math.min(event.clientX - box.left, box.width - 260)),
    });
  };

  // Stable, so that the memoised sidebar skips renders caused by the selection or the popover.
  const sidebarActions = useMemo<SidebarActions | null>(
    () =>
      canAnnotate
        ? {
            update: async (annotation, input) => {
              const result = await actions.update(annotation.id, { ...input, version: annotation.version });
              return result.ok ? { ok: true } : result;
            },
            remove: async (annotation) => {
              const result = await actions.remove(annotation.id, annotation.version);
              return result.ok ? { ok: true } : result;
            },
          }
        : null,
    [canAnnotate, actions],
  );

  const shortcutHint = canCorrect
    ? "Shortcuts: Alt+1 Fact, Alt+2 Opinion, Alt+3 Advocacy · Esc closes"
    : "Shortcuts: 1 or F Fact, 2 or O Opinion, 3 or A Advocacy · Esc closes";

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_21rem]">
      <article className="min-w-0 rounded-lg border border-gray-200 bg-white px-6 py-8 shadow-sm sm:px-8 sm:py-10">
        {header}
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <LiveStatusLine status={status} canCorrect={canCorrect} problem={problem} onRetry={retry} />
          <PresenceAvatars provider={provider} selfId={user.id} />
        </div>
        {canAnnotate ? (
          <p className="mb-4 text-xs text-gray-600">
            Select text to tag it as a fact, an opinion or advocacy.
          </p>
        ) : null}
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        {error && (
          <div className="mb-4">
            <Alert>{error}</Alert>
          </div>
        )}
        {/* Clicks on highlights open them in the sidebar; the sidebar is the keyboard route. */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the sidebar list offers the same by keyboard */}
        <div ref={containerRef} className="relative" onClick={onBodyClick}>
          {showEditor && editor ? <EditorContent editor={editor} /> : fallback}
          {canAnnotate && pending && (
            <SelectionPopover
              key={`${pending.start}-${pending.end}`}
              ref={popoverRef}
              position={pending.position}
              quote={pending.quote}
              busy={busy}
              shortcutHint={shortcutHint}
              onTag={(label, note) => void tag(label, note)}
              onDismiss={() => setPending(null)}
            />
          )}
          {chooser && (
            <div
              role="menu"
              aria-label="Highlights here"
              onKeyDown={(event) => {
                if (event.key === "Escape") setChooser(null);
              }}
              className="absolute z-20 w-64 rounded-lg border border-gray-300 bg-white p-1 font-sans shadow-lg"
              style={{ top: chooser.top, left: chooser.left }}
            >
              {chooser.ids.map((id) => {
                const annotation = byId.get(id);
                if (!annotation) return null;
                return (
                  <button
                    key={id}
                    type="button"
                    role="menuitem"
                    onClick={() => selectFromDocument(id)}
                    className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-gray-100"
                  >
                    <span aria-hidden="true" className={`hl-letter hl-letter-${annotation.label}`}>
                      {LABEL_META[annotation.label].letter}
                    </span>
                    <span className="min-w-0 flex-1 truncate">
                      {LABEL_META[annotation.label].name} · {annotation.author.name}
                    </span>
                  </button>
                );
              })}
            </div>
          )}
        </div>
        {footer}
      </article>
      <aside
        ref={sidebarRef}
        aria-label="Annotations"
        className="min-w-0 rounded-lg border border-gray-200 bg-gray-50 p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto"
      >
        <VerdictProvider verdicts={verdicts} canWrite={canGiveVerdicts} team={team} actions={verdictActions}>
          <AnnotationSidebar
            items={resolved}
            activeId={activeId}
            selfId={user.id}
            actions={sidebarActions}
            onSelect={selectFromSidebar}
            team={team}
            canReply={canAnnotate}
            evidenceActions={actions.evidence}
          />
        </VerdictProvider>
      </aside>
    </div>
  );
}
