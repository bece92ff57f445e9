"use client";

import { memo } from "react";
import { type EvidenceActions, EvidenceSection } from "@/components/evidence/evidence-section";
import { AnnotationDiscussion } from "@/components/moderation/annotation-discussion";
import { ReviewNote } from "@/components/moderation/review-note";
import { VerdictSection, VerdictSummary } from "@/components/verdicts/verdict-section";
import type { StatusName } from "@/lib/validation/annotations";
import { LABEL_META, STATUS_TEXT } from "./labels";
import { OwnAnnotationControls, type SidebarActions } from "./own-annotation-controls";
import type { ResolvedAnnotation } from "./resolve-annotations";

function excerpt(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const STATUS_STYLE: Record<StatusName, string> = {
  pending: "bg-gray-100 text-gray-800",
  approved: "bg-green-100 text-green-900",
  rejected: "bg-red-100 text-red-900",
};

/**
 * One annotation's row in the sidebar: label, status, quote, note, verdict, author and evidence
 * counts; one's own controls; when open, its verdict, evidence and discussion. An unchanged row
 * is skipped when the list re-renders (the resolver keeps its item object).
 */
export const AnnotationItem = memo(function AnnotationItem({
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
          {/* The quote is read from the live body (lib/annotations/live-entry.ts): "" until it is there. */}
          {annotation.quote ? (
            <>
              “<bdi>{excerpt(annotation.quote)}</bdi>”
            </>
          ) : (
            "…"
          )}
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
