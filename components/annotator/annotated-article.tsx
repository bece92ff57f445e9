// Over 400 lines: the annotator (editor, selection, live state); issue 22 item 4 (useTextSelection etc.) splits it, not done yet.
"use client";

import type { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { TextSelection } from "@tiptap/pm/state";
import { EditorContent } from "@tiptap/react";
import {
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { CARET_HINT_ID, LiveStatusLine, useArticleBody } from "@/components/articles/article-editor";
import type { EvidenceActions } from "@/components/evidence/evidence-section";
import { LiveAgreementPanel } from "@/components/moderation/live-agreement-panel";
import { Alert } from "@/components/ui/alert";
import { type VerdictActions, VerdictProvider } from "@/components/verdicts/verdict-context";
import type { AgreementJson } from "@/lib/agreement/get-agreement";
import { normaliseSpan } from "@/lib/anchors/anchor";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { BODY_FIELD } from "@/lib/articles/body-document";
import { plainTextWithMap } from "@/lib/articles/plain-text";
import type { LabelName } from "@/lib/validation/annotations";
import { AnnotationSidebar, type SidebarActions } from "./annotation-sidebar";
import { adjacentHighlightStart, highlightsAt } from "./caret-browsing";
import { AnnotationHighlights, currentHighlightRanges, showHighlights } from "./highlight-extension";
import { describeHighlight, LABEL_META, labelForKey } from "./labels";
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

// Below Tailwind's lg breakpoint the article and its annotations are two tabs (a phone, a
// narrow window): the list is one tap away instead of below the whole article.
const NARROW_QUERY = "(max-width: 1023.98px)";

function subscribeNarrow(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** True on a narrow screen; false on the server and in the first render that hydrates it. */
function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribeNarrow,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
}

/** Where the popover goes under a selection: inside the container and on screen, 8 px from its edges. */
function popoverLeft(selectionLeft: number, box: DOMRect): number {
  const width = Math.min(320, window.innerWidth - 16);
  const min = 8 - box.left;
  const max = window.innerWidth - 8 - width - box.left;
  return Math.round(Math.max(min, Math.min(selectionLeft - box.left, max)));
}

/** The editor's element once its view is mounted (Tiptap throws on `view.dom` before), else null. */
function mountedDom(editor: Editor | null): HTMLElement | null {
  if (!editor || editor.isDestroyed) return null;
  try {
    return editor.view.dom;
  } catch {
    return null;
  }
}

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
  agreement,
  readOnlyReason,
  actions,
  canGiveVerdicts = false,
  annotationsDocument,
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
  /** The agreement panel under the article, refreshed live as the annotations change. */
  agreement?: { title: string; initial: AgreementJson };
  /** Why this reader cannot tag (a viewer, an archived article): said when they select text. */
  readOnlyReason?: string;
  actions: AnnotatorActions;
  /** Moderators and admins: the sidebar offers the verdict form on approved facts. */
  canGiveVerdicts?: boolean;
  /** The live annotations document of this reader's view (blind rounds); the team's by default. */
  annotationsDocument?: string;
}) {
  // Annotators who do not correct read the body in caret-browsing mode (caret-browsing.ts).
  const caretBrowsing = canAnnotate && !canCorrect;
  const { ydoc, provider, editor, status, synced, problem, retry } = useArticleBody({
    articleId,
    canCorrect,
    caretBrowsing,
    user,
    extensions: EXTENSIONS,
  });
  const { annotations, live: annotationsLive, verdicts } = useAnnotationState(articleId, annotationsDocument);
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
  // Changes whenever what the agreement figures rest on changes (live-agreement-panel.tsx).
  const agreementSignature = useMemo(
    () =>
      annotationsLive
        ? annotations
            .map(
              (a) => `${a.id}:${a.label}:${a.status}:${a.start}-${a.end}:${a.orphaned ? 1 : 0}:${a.version}`,
            )
            .sort()
            .join("|")
        : null,
    [annotations, annotationsLive],
  );
  const byIdRef = useRef(byId);
  byIdRef.current = byId;
  // What caret browsing says (the highlight under the caret, a tag made, a key that did nothing):
  // a polite live region; the counter lets the same sentence be announced twice in a row.
  const [caretMessage, setCaretMessage] = useState({ text: "", n: 0 });
  const say = useCallback((text: string) => setCaretMessage((last) => ({ text, n: last.n + 1 })), []);

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
      const dom = mountedDom(editor);
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !container || !dom) {
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
        position: { top: rect.bottom - box.top + 8, left: popoverLeft(rect.left, box) },
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

  // People who cannot tag and select text are told why nothing happens (a polite live region).
  const [readOnlyNotice, setReadOnlyNotice] = useState("");
  useEffect(() => {
    if (canAnnotate || !readOnlyReason) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const selection = document.getSelection();
      const container = containerRef.current;
      const selected =
        !!selection &&
        selection.rangeCount > 0 &&
        !selection.isCollapsed &&
        !!container?.contains(selection.getRangeAt(0).commonAncestorContainer);
      setReadOnlyNotice(selected ? readOnlyReason : "");
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    document.addEventListener("selectionchange", schedule);
    return () => {
      document.removeEventListener("selectionchange", schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [canAnnotate, readOnlyReason]);

  const narrow = useNarrowScreen();
  const [narrowTab, setNarrowTab] = useState<"article" | "annotations">("article");
  const tabIds = useId();

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
        if (caretBrowsing && mountedDom(editor)?.contains(document.activeElement)) {
          // Keyboard users keep their place: the caret goes to the end of what they tagged.
          document.getSelection()?.collapseToEnd();
          say(`Tagged “${pending.quote.slice(0, 80)}” as ${LABEL_META[label].name}`);
        } else document.getSelection()?.removeAllRanges();
      } else {
        setError(result.error);
      }
    },
    [actions, articleId, busy, pending, caretBrowsing, editor, say],
  );

  // Shortcuts while text is selected: 1/2/3 or F/O/A in a read-only body; Alt+1/2/3 in an
  // editable one (there plain keys type into the article).
  useEffect(() => {
    if (!pending || !canAnnotate) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (popoverRef.current?.contains(event.target as Node)) return; // the popover handles its own keys
      const inCaretBody =
        caretBrowsing && event.target instanceof Node && !!mountedDom(editor)?.contains(event.target);
      if (isTextField(event.target) && !inCaretBody && !(canCorrect && event.altKey)) return;
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
  }, [pending, canAnnotate, canCorrect, caretBrowsing, editor, tag]);

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
      if (narrow) setNarrowTab("annotations");
      focusSidebarItem(id);
    },
    [focusSidebarItem, narrow],
  );

  // Caret browsing: N and P move the caret to the next or previous highlight in reading order,
  // Enter opens the highlight under the caret in the sidebar; a highlight the caret enters is
  // announced (label, author, status, evidence counts).
  useEffect(() => {
    const dom = showEditor ? mountedDom(editor) : null;
    if (!caretBrowsing || !editor || !dom) return;
    const view = editor.view;
    let lastAt = "";
    const announceAt = () => {
      if (editor.isDestroyed || !view.hasFocus() || !view.state.selection.empty) return;
      const here = highlightsAt(currentHighlightRanges(view), view.state.selection.head);
      const key = here.map((range) => range.id).join(" ");
      if (key === lastAt) return;
      lastAt = key;
      const words = here
        .map((range) => byIdRef.current.get(range.id))
        .filter((annotation) => annotation !== undefined)
        .map((annotation) => describeHighlight(annotation));
      if (words.length > 0) say(`${words.join("; ")}. Enter opens it in the list.`);
    };
    const onSelection = () => announceAt();
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      const ranges = currentHighlightRanges(view);
      const { selection } = view.state;
      if (key === "n" || key === "p") {
        event.preventDefault();
        event.stopImmediatePropagation();
        const target = adjacentHighlightStart(ranges, selection.head, key === "n" ? 1 : -1);
        if (!target) {
          say(key === "n" ? "No more highlights after this point." : "No highlights before this point.");
          return;
        }
        // The selection update this causes announces it (even when the caret was in it already).
        lastAt = "";
        view.dispatch(
          view.state.tr.setSelection(TextSelection.create(view.state.doc, target.from)).scrollIntoView(),
        );
      } else if (event.key === "Enter") {
        event.preventDefault();
        event.stopImmediatePropagation();
        const [innermost] = highlightsAt(ranges, selection.head);
        if (innermost) selectFromDocument(innermost.id);
        else say("No highlight here. N and P move to the next and previous highlight.");
      } else if (selection.empty && labelForKey(key)) {
        event.preventDefault();
        say("Select text first: hold Shift and move with the arrow keys, then press 1, 2 or 3.");
      }
    };
    // Capture: before ProseMirror's own key handling on the same element (Enter would split).
    dom.addEventListener("keydown", onKey, true);
    editor.on("selectionUpdate", onSelection);
    return () => {
      dom.removeEventListener("keydown", onKey, true);
      editor.off("selectionUpdate", onSelection);
    };
  }, [caretBrowsing, editor, showEditor, say, selectFromDocument]);

  const selectFromSidebar = useCallback(
    (id: string) => {
      setActiveId(id);
      // On a narrow screen the list stays (the annotation opens there, with its evidence and
      // discussion); the Article tab then shows the article at its highlight.
      if (narrow) return;
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
    [editor, narrow],
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

  const showNarrowTab = (key: "article" | "annotations") => {
    setNarrowTab(key);
    if (key !== "article" || !activeId) return;
    // Once the article is shown again: at the highlight chosen in the list.
    requestAnimationFrame(() =>
      mountedDom(editor)
        ?.querySelector(`[data-annotation-id="${CSS.escape(activeId)}"]`)
        ?.scrollIntoView({ block: "center" }),
    );
  };
  const tabs = [
    { key: "article", label: "Article" },
    { key: "annotations", label: `Annotations (${resolved.length})` },
  ] as const;
  const panelProps = (key: "article" | "annotations") =>
    narrow
      ? {
          id: `${tabIds}-${key}-panel`,
          role: "tabpanel",
          "aria-labelledby": `${tabIds}-${key}-tab`,
          hidden: narrowTab !== key,
        }
      : {};

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_21rem]">
      {narrow && (
        <div
          role="tablist"
          aria-label="Article and annotations"
          className="sticky top-0 z-30 flex gap-1 rounded-lg border border-gray-200 bg-white p-1 shadow-sm"
          onKeyDown={(event) => {
            if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
            event.preventDefault();
            const next = narrowTab === "article" ? "annotations" : "article";
            showNarrowTab(next);
            document.getElementById(`${tabIds}-${next}-tab`)?.focus();
          }}
        >
          {tabs.map((tab) => (
            <button
              key={tab.key}
              type="button"
              role="tab"
              id={`${tabIds}-${tab.key}-tab`}
              aria-selected={narrowTab === tab.key}
              aria-controls={`${tabIds}-${tab.key}-panel`}
              tabIndex={narrowTab === tab.key ? 0 : -1}
              onClick={() => showNarrowTab(tab.key)}
              className={`flex-1 rounded-md px-3 py-2 text-sm font-medium ${narrowTab === tab.key ? "bg-gray-900 text-white" : "text-gray-800 hover:bg-gray-100"}`}
            >
              {tab.label}
            </button>
          ))}
        </div>
      )}
      <article
        {...panelProps("article")}
        className="min-w-0 rounded-lg border border-gray-200 bg-white px-4 py-6 shadow-sm sm:px-8 sm:py-10"
      >
        {header}
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <LiveStatusLine status={status} canCorrect={canCorrect} problem={problem} onRetry={retry} />
          <PresenceAvatars provider={provider} selfId={user.id} />
        </div>
        {canAnnotate ? (
          <p id={caretBrowsing ? CARET_HINT_ID : undefined} className="mb-4 text-xs text-gray-600">
            Select text to tag it as a fact, an opinion or advocacy.
            {caretBrowsing && (
              <>
                {" "}
                By keyboard: Tab into the article, move with the arrow keys, select with Shift+arrows, then
                press 1, 2 or 3 (or F, O, A). N and P jump to the next and previous highlight; Enter opens it
                in the list.
              </>
            )}
          </p>
        ) : null}
        {readOnlyReason && !canAnnotate ? (
          <p
            data-testid="read-only-notice"
            aria-live="polite"
            className={readOnlyNotice ? "mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" : ""}
          >
            {readOnlyNotice}
          </p>
        ) : null}
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
        <p className="sr-only" aria-live="polite" data-testid="caret-announcement">
          {caretMessage.text}
          {caretMessage.n % 2 ? "\u200b" : ""}
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
        {agreement ? (
          <div className="mt-10">
            <LiveAgreementPanel
              articleId={articleId}
              title={agreement.title}
              initial={agreement.initial}
              signature={agreementSignature}
            />
          </div>
        ) : null}
        {footer}
      </article>
      <aside
        {...panelProps("annotations")}
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
