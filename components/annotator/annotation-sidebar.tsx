"use client";

import { memo, useId } from "react";
import type { EvidenceActions } from "@/components/evidence/evidence-section";
import { LABELS, STATUSES } from "@/lib/validation/annotations";
import { AnnotationItem } from "./annotation-item";
import { LABEL_META, LABEL_ORDER, STATUS_TEXT } from "./labels";
import { LazyAnnotationList } from "./lazy-annotation-list";
import type { SidebarActions } from "./own-annotation-controls";
import type { ResolvedAnnotation } from "./resolve-annotations";
import { useSidebarFilters } from "./use-sidebar-filters";

/**
 * The annotations of the article: legend with counts per label, filters, the list in document
 * order, and the orphaned ones (their text was removed by a correction) in their own section.
 */
/** One filter of the list: "All", or one of its options (value and text). */
function FilterSelect<V extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: V | "";
  onChange: (value: V | "") => void;
  options: readonly (readonly [V, string])[];
}) {
  return (
    <label className="font-medium">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as V | "")}
        className="mt-0.5 block w-full rounded border border-gray-300 bg-white px-1.5 py-1 text-sm"
      >
        <option value="">All</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

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
  const {
    label,
    setLabel,
    status,
    setStatus,
    author,
    setAuthor,
    counts,
    authors,
    shown,
    anchored,
    orphaned,
  } = useSidebarFilters(items);
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
        <FilterSelect
          label="Label"
          value={label}
          onChange={setLabel}
          options={LABELS.map((value) => [value, LABEL_META[value].name] as const)}
        />
        <FilterSelect
          label="Status"
          value={status}
          onChange={setStatus}
          options={STATUSES.map((value) => [value, STATUS_TEXT[value]] as const)}
        />
        <FilterSelect label="Author" value={author} onChange={setAuthor} options={authors} />
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
