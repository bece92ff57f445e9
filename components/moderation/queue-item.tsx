"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { ReviewQueueItem } from "@/lib/moderation/list-review-queue";
import { LABEL_NAMES, LABEL_STYLE, type LabelName } from "./labels";

function describeDecision(review: NonNullable<ReviewQueueItem["lastReview"]>): string {
  if (review.decision === "approve") return "Approved";
  if (review.decision === "reject") return "Rejected";
  return `Relabelled from ${review.fromLabel} to ${review.toLabel}`;
}

/** The latest decision on a decided annotation: what, who, when and why. */
export function DecisionSummary({ item }: { item: ReviewQueueItem }) {
  const review = item.lastReview;
  if (!review) {
    return (
      <p className="mt-2 text-sm text-gray-700">{item.status === "approved" ? "Approved" : "Rejected"}.</p>
    );
  }
  return (
    <div
      className="mt-2 rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm text-gray-900"
      data-testid="decision"
    >
      <p>
        <span className="font-semibold">{describeDecision(review)}</span> by {review.moderator.name} ·{" "}
        <LocalTime value={review.createdAt} style="relative" />
      </p>
      {review.reason && <p className="mt-1">Reason: {review.reason}</p>}
    </div>
  );
}

/** The decision buttons of the focused pending annotation (disabled on one's own). */
export function PendingActions({
  item,
  own,
  busy,
  onApprove,
  onReject,
  onRelabel,
  children,
}: {
  item: ReviewQueueItem;
  own: boolean;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
  onRelabel: (label: LabelName) => void;
  /** The reason box, while a rejection or relabel waits for it. */
  children?: ReactNode;
}) {
  return (
    <div className="mt-3 space-y-2">
      {own && <p className="text-sm text-gray-700">This is your annotation; another moderator reviews it.</p>}
      <div className="flex flex-wrap gap-2">
        <Button disabled={busy || own} onClick={onApprove}>
          Approve (a)
        </Button>
        <Button variant="danger" disabled={busy || own} onClick={onReject}>
          Reject (r)
        </Button>
        {LABEL_NAMES.map((label, index) =>
          label === item.label ? null : (
            <Button key={label} variant="secondary" disabled={busy || own} onClick={() => onRelabel(label)}>
              Relabel {label} ({index + 1})
            </Button>
          ),
        )}
      </div>
      {children}
    </div>
  );
}

/** The action of a focused decided (approved or rejected) annotation: reopen it. */
export function DecidedActions({
  own,
  busy,
  onReopen,
}: {
  own: boolean;
  busy: boolean;
  onReopen: () => void;
}) {
  return (
    <div className="mt-3 space-y-2">
      {own && (
        <p className="text-sm text-gray-700">This is your annotation; another moderator may reopen it.</p>
      )}
      <Button variant="secondary" disabled={busy || own} onClick={onReopen}>
        Reopen for review
      </Button>
    </div>
  );
}

/** One annotation of the queue: label, author, article, evidence, the passage in context, note. */
export function QueueItem({
  team,
  item,
  isFocused,
  own,
  selectable,
  selected,
  onSelectedChange,
  onFocus,
  children,
}: {
  team: string;
  item: ReviewQueueItem;
  isFocused: boolean;
  own: boolean;
  /** Pending views offer a checkbox for bulk decisions. */
  selectable: boolean;
  selected: boolean;
  onSelectedChange: (checked: boolean) => void;
  onFocus: () => void;
  /** The decision summary and actions below the passage. */
  children?: ReactNode;
}) {
  return (
    <li
      id={`queue-item-${item.id}`}
      data-annotation-id={item.id}
      aria-current={isFocused ? "true" : undefined}
      className={`rounded-md border bg-white p-4 ${isFocused ? "border-blue-700 ring-2 ring-blue-700" : "border-gray-200"}`}
      onFocusCapture={onFocus}
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {selectable && (
          <input
            type="checkbox"
            aria-label={`Select “${item.quote.slice(0, 40)}”`}
            checked={selected}
            onChange={(event) => onSelectedChange(event.target.checked)}
          />
        )}
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${LABEL_STYLE[item.label]}`}>
          {item.label}
        </span>
        {item.inDisagreement && (
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-950">
            in disagreement
          </span>
        )}
        <span className="text-gray-700">
          by {item.author.name}
          {own ? " (you)" : ""} · <LocalTime value={item.createdAt} style="relative" /> · in{" "}
          <a className="underline" href={`/t/${team}/articles/${item.articleId}?annotation=${item.id}`}>
            {item.article.title}
          </a>
        </span>
        {!isFocused && (
          <Button variant="ghost" className="px-2 py-0.5" onClick={onFocus}>
            Review
          </Button>
        )}
        <span className="ml-auto text-xs text-gray-700">
          evidence: {item.evidence.corroborates} corroborating, {item.evidence.contradicts} contradicting
        </span>
      </div>
      <blockquote className="mt-2 text-gray-900">
        <span className="text-gray-600">…{item.prefix}</span>
        <mark className="bg-yellow-100 px-0.5 font-medium text-gray-950">{item.quote}</mark>
        <span className="text-gray-600">{item.suffix}…</span>
      </blockquote>
      {item.note && <p className="mt-2 text-sm text-gray-800">Note: {item.note}</p>}
      {children}
    </li>
  );
}
