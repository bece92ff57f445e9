// Over 400 lines: the sidebar list, its filters and each row's controls; to split with issue 22 item 4.
"use client";

import { memo, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { type EvidenceActions, EvidenceSection } from "@/components/evidence/evidence-section";
import { AnnotationDiscussion } from "@/components/moderation/annotation-discussion";
import { ReviewNote } from "@/components/moderation/review-note";
import { VerdictSection, VerdictSummary } from "@/components/verdicts/verdict-section";
import type { AnnotationJson } from "@/lib/annotations/annotation-json";
import { LABELS, type LabelName, STATUSES, type StatusName } from "@/lib/validation/annotations";
import { LABEL_META, LABEL_ORDER, STATUS_TEXT } from "./labels";
import type { ResolvedAnnotation } from "./resolve-annotations";

type ChangeResult = { ok: true } | { ok: false; error: string };

export interface SidebarActions {
  update: (
    annotation: AnnotationJson,
    input: { label?: LabelName; note?: string | null },
  ) => Promise<ChangeResult>;
  remove: (annotation: AnnotationJson) => Promise<ChangeResult>;
}

function excerpt(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const STATUS_STYLE: Record<StatusName, string> = {
  pending: "bg-gray-100 text-gray-800",
  approved: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
};

function OwnAnnotationControls({
  annotation,
  actions,
}: {
  annotation: AnnotationJson;
  actions: SidebarActions;
}) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState<LabelName>(annotation.label);
  const [note, setNote] = useState(annotation.note ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<ChangeResult>) => {
    setBusy(true);
    setError(null);
    const result = await work();
    setBusy(false);
    if (result.ok) setEditing(false);
    else setError(result.error);
  };
  return (
    <div className="mt-2 text-xs">
      {editing ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => actions.update(annotation, { label, note: note.trim() || null }));
          }}
        >
          <label className="block font-medium text-gray-800">
            Label
            <select
              value={label}
              onChange={(event) => setLabel(event.target.value as LabelName)}
              className="mt-0.5 block w-full rounded border border-gray-300 bg-white px-1.5 py-1"
            >
              {LABEL_ORDER.map((value) => (
                <option key={value} value={value}>
                  {LABEL_META[value].name}
                </option>
              ))}
            </select>
          </label>
          <label className="block font-medium text-gray-800">
            Note
            <textarea
              value={note}
              maxLength={2000}
              rows={2}
              onChange={(event) => setNote(event.target.value)}
              className="mt-0.5 block w-full rounded border border-gray-300 px-1.5 py-1 font-normal"
            />
          </label>
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={busy}
              className="rounded bg-blue-700 px-2 py-1 font-medium text-white"
            >
              Save
            </button>
            <button
              type="button"
              onClick={() => setEditing(false)}
              className="rounded px-2 py-1 text-gray-800"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="flex gap-3">
          <button type="button" className="text-blue-800 underline" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            disabled={busy}
            className="text-red-800 underline"
            onClick={() => {
              if (window.confirm("Delete this annotation?")) void run(() => actions.remove(annotation));
            }}
          >
            Delete
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

// An unchanged row is skipped when the list re-renders (the resolver keeps its item object).
const AnnotationItem = memo(function AnnotationItem({
  item,
  position,
  total,
  active,
  mine,
  actions,
  onSelect,
  team,
  selfId,
  canReply,
  evidenceActions,
}: {
  item: ResolvedAnnotation;
  /** 1-based place in its list and the list's length (the list may not render every row yet). */
  position: number;
  total: number;
  active: boolean;
  mine: boolean;
  actions: SidebarActions | null;
  onSelect: (id: string) => void;
  team: string;
  selfId: string;
  canReply: boolean;
  evidenceActions: EvidenceActions;
}) {
  const { annotation, span } = item;
  const meta = LABEL_META[annotation.label];
  return (
    <li
      data-sidebar-annotation={annotation.id}
      aria-posinset={position}
      aria-setsize={total}
      className={`rounded-md border bg-white p-2.5 text-sm ${active ? "border-blue-600 ring-2 ring-blue-200" : "border-gray-200"}`}
    >
      <button
        type="button"
        className="block w-full text-left"
        aria-current={active ? "true" : undefined}
        onClick={() => onSelect(annotation.id)}
      >
        <span className="flex items-center justify-between gap-2">
          <span className={`label-chip label-chip-${annotation.label}`}>
            <span aria-hidden="true" className={`hl-letter hl-letter-${annotation.label}`}>
              {meta.letter}
            </span>
            {meta.name}
          </span>
          <span
            className={`rounded px-1.5 py-0.5 text-[0.7rem] font-medium ${STATUS_STYLE[annotation.status]}`}
          >
            {STATUS_TEXT[annotation.status]}
          </span>
        </span>
        <span className="mt-1.5 block font-serif text-[0.9rem] leading-snug text-gray-900">
          “<bdi>{excerpt(annotation.quote)}</bdi>”
        </span>
        {annotation.note && <span className="mt-1 block text-gray-800">{excerpt(annotation.note, 400)}</span>}
        <ReviewNote annotation={annotation} />
        <VerdictSummary annotationId={annotation.id} />
        <span className="mt-1.5 flex flex-wrap items-center gap-x-3 text-xs text-gray-700">
          <span>{annotation.author.name}</span>
          <span>
            <span aria-hidden="true">✓{annotation.evidence.corroborates}</span>
            <span className="sr-only">{annotation.evidence.corroborates} corroborating, </span>{" "}
            <span aria-hidden="true">✗{annotation.evidence.contradicts}</span>
            <span className="sr-only">{annotation.evidence.contradicts} contradicting evidence</span>
          </span>
          {!span && <span className="text-amber-900">Text removed by a correction</span>}
        </span>
      </button>
      {mine && actions && <OwnAnnotationControls annotation={annotation} actions={actions} />}
      {active && (
        <div className="mt-3 space-y-3 border-t border-gray-200 pt-3">
          <VerdictSection annotation={annotation} />
          <EvidenceSection
            actions={evidenceActions}
            team={team}
            annotationId={annotation.id}
            refreshKey={`${annotation.evidence.corroborates}/${annotation.evidence.contradicts}/${annotation.citedBy ?? 0}`}
          />
          <AnnotationDiscussion annotationId={annotation.id} selfId={selfId} canReply={canReply} />
        </div>
      )}
    </li>
  );
});

/** Rows rendered first; more follow as the end of the list scrolls near (or on request). */
const FIRST_ROWS = 40;
const MORE_ROWS = 80;

function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === "auto" || overflowY === "scroll") return node;
  }
  return null;
}

/**
 * A list of annotations that renders its first rows at once and the rest in batches as its end
 * scrolls near, so that a page with thousands of annotations paints and answers input quickly.
 * The row of `revealId` is always rendered (it is selected or about to be focused). Every row
 * carries its place and the list's length for assistive technology, and the rest of the list is
 * also reachable through a button (keyboard users tab onto it).
 */
function LazyAnnotationList({
  items,
  revealId,
  label,
  testId,
  className,
  renderItem,
}: {
  items: ResolvedAnnotation[];
  revealId: string | null;
  label: string;
  testId: string;
  className: string;
  renderItem: (item: ResolvedAnnotation, position: number, total: number) => ReactNode;
}) {
  const [limit, setLimit] = useState(FIRST_ROWS);
  const revealIndex = revealId ? items.findIndex((item) => item.annotation.id === revealId) : -1;
  const count = Math.min(items.length, Math.max(limit, revealIndex + 1));
  const moreRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = moreRef.current;
    if (!button || count >= items.length || typeof IntersectionObserver === "undefined") return;
    // A fresh observer per batch reports at once whether the button is still near.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setLimit(count + MORE_ROWS);
      },
      { root: scrollParent(button), rootMargin: "600px 0px" },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [count, items.length]);
  return (
    <>
      <ul aria-label={label} className={className} data-testid={testId}>
        {items.slice(0, count).map((item, index) => renderItem(item, index + 1, items.length))}
      </ul>
      {count < items.length && (
        <button
          ref={moreRef}
          type="button"
          onClick={() => setLimit(count + MORE_ROWS)}
          className="mt-2 w-full rounded border border-gray-300 bg-white px-2 py-1 text-sm text-gray-800"
        >
          Show more ({items.length - count} not shown yet)
        </button>
      )}
    </>
  );
}

/**
 * The annotations of the article: legend with counts per label, filters, the list in document
 * order, and the orphaned ones (their text was removed by a correction) in their own section.
 */
export const AnnotationSidebar = memo(function AnnotationSidebar({
  items,
  activeId,
  selfId,
  actions,
  onSelect,
  team,
  canReply,
  evidenceActions,
}: {
  items: ResolvedAnnotation[];
  activeId: string | null;
  selfId: string;
  actions: SidebarActions | null;
  onSelect: (id: string) => void;
  /** The team's slug (evidence links and the citable-annotation picker). */
  team: string;
  /** Whether the user may reply in discussions (annotators, moderators, admins). */
  canReply: boolean;
  /** The evidence section's server actions (passed down from the page). */
  evidenceActions: EvidenceActions;
}) {
  const ids = useId();
  const [label, setLabel] = useState<LabelName | "">("");
  const [status, setStatus] = useState<StatusName | "">("");
  const [author, setAuthor] = useState("");
  const counts = useMemo(() => {
    const result: Record<LabelName, number> = { fact: 0, opinion: 0, advocacy: 0 };
    for (const item of items) result[item.annotation.label]++;
    return result;
  }, [items]);
  const authors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const item of items) byId.set(item.annotation.author.id, item.annotation.author.name);
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [items]);
  const shown = items.filter(
    ({ annotation }) =>
      (!label || annotation.label === label) &&
      (!status || annotation.status === status) &&
      (!author || annotation.author.id === author),
  );
  const anchored = shown.filter((item) => item.span);
  const orphaned = shown.filter((item) => !item.span);
  const selectClass = "mt-0.5 block w-full rounded border border-gray-300 bg-white px-1.5 py-1 text-sm";
  const renderItem = (item: ResolvedAnnotation, position: number, total: number) => (
    <AnnotationItem
      key={item.annotation.id}
      item={item}
      position={position}
      total={total}
      active={item.annotation.id === activeId}
      mine={item.annotation.author.id === selfId}
      actions={actions}
      onSelect={onSelect}
      team={team}
      selfId={selfId}
      evidenceActions={evidenceActions}
      canReply={canReply}
    />
  );

  return (
    <section aria-labelledby={`${ids}-title`} className="font-sans">
      <h2 id={`${ids}-title`} className="text-base font-semibold text-gray-900">
        Annotations <span className="font-normal text-gray-700">({items.length})</span>
      </h2>
      <ul aria-label="Legend and counts per label" className="mt-2 space-y-1" data-testid="label-legend">
        {LABEL_ORDER.map((value) => (
          <li key={value} className="flex items-center justify-between text-sm">
            <span className="flex items-center gap-2">
              <span className={`legend-swatch hl hl-${value}`} aria-hidden="true">
                {LABEL_META[value].letter}
              </span>
              {LABEL_META[value].name}
              <span className="text-xs text-gray-600">({LABEL_META[value].underline})</span>
            </span>
            <span data-count-for={value} className="tabular-nums text-gray-800">
              {counts[value]}
            </span>
          </li>
        ))}
      </ul>
      <fieldset className="mt-4 grid grid-cols-3 gap-2 text-xs text-gray-800">
        <legend className="sr-only">Filter annotations</legend>
        <label className="font-medium">
          Label
          <select
            value={label}
            onChange={(e) => setLabel(e.target.value as LabelName | "")}
            className={selectClass}
          >
            <option value="">All</option>
            {LABELS.map((value) => (
              <option key={value} value={value}>
                {LABEL_META[value].name}
              </option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          Status
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as StatusName | "")}
            className={selectClass}
          >
            <option value="">All</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_TEXT[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="font-medium">
          Author
          <select value={author} onChange={(e) => setAuthor(e.target.value)} className={selectClass}>
            <option value="">All</option>
            {authors.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {items.length === 0 ? (
        <p className="mt-4 text-sm text-gray-700">No annotations yet.</p>
      ) : shown.length === 0 ? (
        <p className="mt-4 text-sm text-gray-700">No annotations match these filters.</p>
      ) : null}
      {anchored.length > 0 && (
        <LazyAnnotationList
          items={anchored}
          revealId={activeId}
          label="Annotations in document order"
          className="mt-3 space-y-2"
          testId="annotation-list"
          renderItem={renderItem}
        />
      )}
      {orphaned.length > 0 && (
        <div className="mt-5">
          <h3 className="text-sm font-semibold text-gray-900">Orphaned ({orphaned.length})</h3>
          <p className="text-xs text-gray-700">Their text was removed or changed by a correction.</p>
          <LazyAnnotationList
            items={orphaned}
            revealId={activeId}
            label="Orphaned annotations"
            className="mt-2 space-y-2"
            testId="orphaned-list"
            renderItem={renderItem}
          />
        </div>
      )}
    </section>
  );
});
