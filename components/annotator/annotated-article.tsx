"use client";

import { EditorContent } from "@tiptap/react";
import { type ReactNode, useCallback, useMemo, useRef } from "react";
import { CARET_HINT_ID, LiveStatusLine, useArticleBody } from "@/components/articles/article-editor";
import { LiveAgreementPanel } from "@/components/moderation/live-agreement-panel";
import {
  type LiveRoundProgress,
  LiveRoundProgressProvider,
} from "@/components/rounds/live-round-progress-context";
import { Alert } from "@/components/ui/alert";
import { type VerdictActions, VerdictProvider } from "@/components/verdicts/verdict-context";
import type { AgreementJson } from "@/lib/agreement/get-agreement";
import { AnnotationSidebar } from "./annotation-sidebar";
import { HighlightChooser } from "./highlight-chooser";
import { AnnotationHighlights } from "./highlight-extension";
import { openEarlyConnections } from "./live-connection";
import { NarrowTabs } from "./narrow-tabs";
import { PresenceAvatars } from "./presence-avatars";
import { SelectionPopover } from "./selection-popover";
import { type AnnotatorActions, useAnnotationActions } from "./use-annotation-actions";
import { useAgreementSignature, useArrivalAnnouncement } from "./use-annotation-announcements";
import { useAnnotationState } from "./use-annotation-state";
import { useCaretAnnouncer, useCaretBrowsing } from "./use-caret-browsing";
import { useHighlightChooser } from "./use-highlight-chooser";
import {
  useEditorShown,
  useHighlightPainting,
  useResolvedAnnotations,
  useTextMap,
} from "./use-live-highlights";
import { useLinkedAnnotation, useSidebarState } from "./use-sidebar-state";
import { tagShortcutHint, useTagShortcuts } from "./use-tag-shortcuts";
import { useReadOnlyNotice, useTextSelection } from "./use-text-selection";

export type { AnnotatorActions } from "./use-annotation-actions";

const EXTENSIONS = [AnnotationHighlights];

// As soon as this module is evaluated in the browser, before React hydrates the article page:
// opens its two live documents so that the server loads and sends them meanwhile.
if (typeof window !== "undefined") openEarlyConnections(window.location.pathname);

/**
 * The article page's live body with its annotations: highlights for everyone, tagging for
 * those allowed to annotate (a popover under the selection, keys 1/2/3 or F/O/A; Alt+1/2/3 in
 * an editable body, where plain keys are typing), the sidebar and who is here. The state and
 * the behaviour live in named hooks (the live highlights, the text selection, the annotation
 * actions, the sidebar, the keyboard); this component lays them out.
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
  const {
    annotations,
    live: annotationsLive,
    verdicts,
    roundProgress,
    createLive,
  } = useAnnotationState(articleId, annotationsDocument);
  // The header's round panel follows each annotator's progress from the same live document.
  const liveRoundProgress = useMemo<LiveRoundProgress>(
    () => ({ live: annotationsLive, entries: roundProgress }),
    [annotationsLive, roundProgress],
  );
  const verdictActions = useMemo<VerdictActions>(
    () => ({ ...actions.verdicts, listEvidence: actions.evidence.list }),
    [actions.verdicts, actions.evidence.list],
  );
  const showEditor = useEditorShown(synced, editor, annotationsLive);
  const containerRef = useRef<HTMLDivElement>(null);
  const textMapOf = useTextMap();
  const resolved = useResolvedAnnotations({ ydoc, synced, annotations });
  const byId = useMemo(
    () => new Map(resolved.map((item) => [item.annotation.id, item.annotation])),
    [resolved],
  );
  const quoteOf = useCallback((id: string) => byId.get(id)?.quote, [byId]);
  const announcement = useArrivalAnnouncement(annotations, annotationsLive, user.id, quoteOf);
  const agreementSignature = useAgreementSignature(annotations, annotationsLive);
  const { caretMessage, say } = useCaretAnnouncer();

  const sidebar = useSidebarState(editor);
  const { activeId, sidebarRef, panelProps, selectFromSidebar } = sidebar;
  useHighlightPainting({ editor, synced, resolved, activeId, textMapOf });
  const chooser = useHighlightChooser({ editor, containerRef, select: sidebar.selectFromDocument });
  const { pending, clearPending, popoverRef } = useTextSelection({
    enabled: canAnnotate,
    editor,
    containerRef,
    textMapOf,
    onSelected: chooser.closeChooser,
  });
  const readOnlyNotice = useReadOnlyNotice(containerRef, canAnnotate, readOnlyReason);
  const { tag, busy, error, sidebarActions } = useAnnotationActions({
    articleId,
    actions,
    canAnnotate,
    pending,
    clearPending,
    caretBrowsing,
    editor,
    say,
    createLive,
  });
  useTagShortcuts({
    active: !!pending && canAnnotate,
    canCorrect,
    caretBrowsing,
    editor,
    popoverRef,
    tag,
    dismiss: clearPending,
  });
  useCaretBrowsing({ enabled: caretBrowsing, editor, showEditor, byId, say, open: chooser.open });
  useLinkedAnnotation({ resolved, synced, select: selectFromSidebar });
  const shortcutHint = tagShortcutHint(canCorrect);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_21rem]">
      {sidebar.narrow && (
        <NarrowTabs
          tabIds={sidebar.tabIds}
          current={sidebar.narrowTab}
          count={resolved.length}
          onShow={sidebar.showNarrowTab}
        />
      )}
      <article
        {...panelProps("article")}
        className="min-w-0 rounded-lg border border-gray-200 bg-white px-4 py-6 shadow-sm sm:px-8 sm:py-10"
      >
        <LiveRoundProgressProvider value={liveRoundProgress}>{header}</LiveRoundProgressProvider>
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
        <div ref={containerRef} className="relative" onClick={chooser.onBodyClick}>
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
              onDismiss={clearPending}
            />
          )}
          {chooser.chooser && (
            <HighlightChooser
              chooser={chooser.chooser}
              byId={byId}
              onChoose={chooser.open}
              onClose={chooser.closeChooser}
            />
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
