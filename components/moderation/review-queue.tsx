// Over 400 lines: the review queue with its state and fetches; issue 22 item 4 (hooks) splits it, not done yet.
"use client";

import { useCallback, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalNumber } from "@/components/ui/local-number";
import type { DisagreementJson } from "@/lib/moderation/list-disagreements";
import type { ReviewQueueItem, ReviewQueuePage } from "@/lib/moderation/list-review-queue";
import { BulkDecisionBar } from "./bulk-decision-bar";
import { DisagreementCard } from "./disagreement-card";
import type { LabelName } from "./labels";
import { QueueFilters } from "./queue-filters";
import { DecidedActions, DecisionSummary, PendingActions, QueueItem } from "./queue-item";
import { ReviewReasonForm } from "./review-reason-form";
import { ShortcutLegend } from "./shortcut-legend";
import { useQueueShortcuts } from "./use-queue-shortcuts";
import { useQueueFeedback, useReviewDecisions } from "./use-review-decisions";
import { useQueueFocus, useQueueSelection, useReviewQueue } from "./use-review-queue";

/** What each status view lists, as its heading says it. */
const VIEW_HEADINGS: Record<string, string> = {
  pending: "Awaiting review",
  approved: "Approved annotations",
  rejected: "Rejected annotations",
};

const EMPTY_VIEW: Record<string, string> = {
  pending: "Nothing to review. New annotations appear here as they are made.",
  approved: "No approved annotations match these filters.",
  rejected: "No rejected annotations match these filters.",
};

/**
 * The review queue: filters, live list, keyboard decisions, bulk decisions, disagreements, and
 * the approved and rejected views with their decisions and Reopen. The data and the decisions
 * live in hooks (use-review-queue.ts, use-review-decisions.ts, use-queue-shortcuts.ts) over the
 * typed API client (lib/client/api-client.ts); this component lays them out.
 */
export function ReviewQueue({
  team,
  currentUserId,
  articles,
  authors,
  initial,
  initialDisagreements,
}: {
  team: string;
  currentUserId: string;
  articles: { id: string; title: string }[];
  authors: { id: string; name: string }[];
  initial: ReviewQueuePage;
  initialDisagreements: DisagreementJson[];
}) {
  const listRef = useRef<HTMLOListElement>(null);
  const feedback = useQueueFeedback();
  const queue = useReviewQueue({ team, initial, initialDisagreements, onError: feedback.fail });
  const selection = useQueueSelection();
  const cursor = useQueueFocus(queue.all, initial.items[0]?.id ?? null, listRef);
  const { removeFromView } = queue;
  const { drop } = selection;
  const onDecided = useCallback(
    (ids: string[]) => {
      removeFromView(ids);
      drop(ids);
    },
    [removeFromView, drop],
  );
  const focusList = useCallback(() => listRef.current?.focus(), []);
  const decisions = useReviewDecisions({
    team,
    onDecided,
    onSettled: queue.dropDisagreement,
    fail: feedback.fail,
    succeed: feedback.succeed,
    clearError: feedback.clearError,
    afterDecision: focusList,
  });
  const decidedView = queue.view !== "pending";
  const { focused, move } = cursor;
  const { startReason, cancelReason, decide } = decisions;

  const moveAndCancel = useCallback(
    (delta: number) => {
      move(delta);
      cancelReason();
    },
    [move, cancelReason],
  );
  const approve = useCallback((item: ReviewQueueItem) => void decide(item, "approve"), [decide]);
  const reject = useCallback(() => startReason({ kind: "reject" }), [startReason]);
  const relabel = useCallback((label: LabelName) => startReason({ kind: "relabel", label }), [startReason]);
  const open = useCallback(
    (item: ReviewQueueItem) =>
      window.location.assign(`/t/${team}/articles/${item.articleId}?annotation=${item.id}`),
    [team],
  );
  useQueueShortcuts({
    focused,
    busy: decisions.busy,
    decidedView,
    move: moveAndCancel,
    approve,
    reject,
    relabel,
    open,
    toggleSelected: selection.toggle,
    refuse: feedback.fail,
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold text-gray-900">Review queue</h1>
        <p className="text-sm text-gray-700" aria-live="polite">
          <LocalNumber value={queue.total} />
          {queue.totalIsCapped ? "+" : ""}{" "}
          {queue.total === 1 && !queue.totalIsCapped ? "annotation" : "annotations"} {queue.view} · updates
          live
        </p>
      </div>
      <ShortcutLegend />
      <QueueFilters
        value={queue.filters}
        onChange={(next) => {
          queue.changeFilters(next);
          selection.clear();
        }}
        articles={articles}
        authors={authors}
      />
      {feedback.error && <Alert>{feedback.error}</Alert>}
      {feedback.message && !feedback.error && <Alert kind="success">{feedback.message}</Alert>}

      {queue.disagreements.length > 0 && (
        <section aria-labelledby="disagreements-heading" className="space-y-3">
          <h2 id="disagreements-heading" className="text-lg font-semibold text-gray-900">
            Disagreements ({queue.disagreements.length})
          </h2>
          {queue.disagreements.map((group) => (
            <DisagreementCard
              key={group.key}
              team={team}
              group={group}
              currentUserId={currentUserId}
              onSettle={decisions.settle}
            />
          ))}
        </section>
      )}

      {selection.selected.size > 0 && !decidedView && (
        <BulkDecisionBar
          count={selection.selected.size}
          reason={decisions.reason}
          onReasonChange={decisions.setReason}
          busy={decisions.busy}
          onApprove={() => void decisions.decideBulk("approve", [...selection.selected])}
          onReject={() => void decisions.decideBulk("reject", [...selection.selected])}
          onClear={selection.clear}
        />
      )}

      <section aria-labelledby="queue-heading" className="space-y-3">
        <h2 id="queue-heading" className="text-lg font-semibold text-gray-900">
          {VIEW_HEADINGS[queue.view] ?? VIEW_HEADINGS.pending}
        </h2>
        {queue.all.length === 0 ? (
          <p className="rounded-md border border-dashed border-gray-300 p-6 text-center text-gray-700">
            {EMPTY_VIEW[queue.view] ?? EMPTY_VIEW.pending}
          </p>
        ) : (
          <ol ref={listRef} tabIndex={-1} aria-labelledby="queue-heading" className="space-y-3 outline-none">
            {queue.all.map((item) => {
              const isFocused = item.id === focused?.id;
              const own = item.author.id === currentUserId;
              return (
                <QueueItem
                  key={item.id}
                  team={team}
                  item={item}
                  isFocused={isFocused}
                  own={own}
                  selectable={!decidedView}
                  selected={selection.selected.has(item.id)}
                  onSelectedChange={(checked) => selection.setChecked(item.id, checked)}
                  onFocus={() => cursor.setFocusedId(item.id)}
                >
                  {decidedView && <DecisionSummary item={item} />}
                  {decidedView && isFocused && (
                    <DecidedActions
                      own={own}
                      busy={decisions.busy}
                      onReopen={() => void decisions.reopen(item)}
                    />
                  )}
                  {!decidedView && isFocused && (
                    <PendingActions
                      item={item}
                      own={own}
                      busy={decisions.busy}
                      onApprove={() => void decide(item, "approve")}
                      onReject={reject}
                      onRelabel={relabel}
                    >
                      {decisions.pending && (
                        <ReviewReasonForm
                          pending={decisions.pending}
                          reason={decisions.reason}
                          onReasonChange={decisions.setReason}
                          reasonRef={decisions.reasonRef}
                          busy={decisions.busy}
                          onSubmit={() => decisions.submitReason(focused)}
                          onCancel={cancelReason}
                          onEscape={() => {
                            cancelReason();
                            focusList();
                          }}
                        />
                      )}
                    </PendingActions>
                  )}
                </QueueItem>
              );
            })}
          </ol>
        )}
        {queue.nextCursor && (
          <Button variant="secondary" onClick={() => void queue.loadMore()}>
            Load more
          </Button>
        )}
      </section>
    </div>
  );
}
