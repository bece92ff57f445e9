"use client";

import { useCallback, useRef, useState } from "react";
import {
  reopenAnnotation,
  reviewAnnotation,
  reviewAnnotationsBulk,
  settleDisagreement,
} from "@/lib/client/api-client";
import type { DisagreementJson } from "@/lib/moderation/list-disagreements";
import type { ReviewQueueItem } from "@/lib/moderation/list-review-queue";
import type { LabelName } from "./labels";

/** The decision waiting for its reason: a rejection or a relabel. */
export type PendingDecision = { kind: "reject" } | { kind: "relabel"; label: LabelName } | null;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Request failed";
}

/** The queue's one error or success message (an error hides the success). */
export function useQueueFeedback() {
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fail = useCallback((text: string) => setError(text), []);
  const succeed = useCallback((text: string) => setMessage(text), []);
  const clearError = useCallback(() => setError(null), []);
  return { error, message, fail, succeed, clearError };
}

/**
 * The moderator's decisions: approve, reject or relabel one annotation (reject and relabel wait
 * for a reason), one decision on a selection, settling a disagreement, reopening a decided one.
 * Each decided annotation leaves the view through `onDecided`; a refusal is reported through
 * `fail` and leaves nothing busy.
 */
export function useReviewDecisions({
  team,
  onDecided,
  onSettled,
  fail,
  succeed,
  clearError,
  afterDecision,
}: {
  team: string;
  onDecided: (ids: string[]) => void;
  onSettled: (key: string) => void;
  fail: (message: string) => void;
  succeed: (message: string) => void;
  clearError: () => void;
  /** Where focus goes after a decision (the list). */
  afterDecision: () => void;
}) {
  const [pending, setPending] = useState<PendingDecision>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  /** Runs one call with the busy flag set and the error cleared; false when it was refused. */
  const run = useCallback(
    async (call: () => Promise<void>, errorPrefix = ""): Promise<boolean> => {
      setBusy(true);
      clearError();
      try {
        await call();
        return true;
      } catch (error) {
        fail(`${errorPrefix}${messageOf(error)}`);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [clearError, fail],
  );

  const decide = useCallback(
    (item: ReviewQueueItem, decision: "approve" | "reject" | "relabel", label?: LabelName) =>
      run(async () => {
        await reviewAnnotation(item.id, {
          decision,
          ...(label ? { label } : {}),
          ...(decision !== "approve" ? { reason } : {}),
          version: item.version,
        });
        const verb =
          decision === "approve" ? "Approved" : decision === "reject" ? "Rejected" : `Relabelled ${label}`;
        succeed(`${verb}: “${item.quote.slice(0, 60)}”`);
        setPending(null);
        setReason("");
        onDecided([item.id]);
        afterDecision();
      }),
    [run, reason, succeed, onDecided, afterDecision],
  );

  const decideBulk = useCallback(
    (decision: "approve" | "reject", annotationIds: string[]) =>
      annotationIds.length === 0
        ? Promise.resolve(false)
        : run(async () => {
            await reviewAnnotationsBulk(team, {
              annotationIds,
              decision,
              ...(decision === "reject" ? { reason } : {}),
            });
            succeed(
              `${decision === "approve" ? "Approved" : "Rejected"} ${annotationIds.length} annotations`,
            );
            setReason("");
            setPending(null);
            onDecided(annotationIds);
          }, "Nothing was changed: "),
    [run, team, reason, succeed, onDecided],
  );

  const settle = useCallback(
    async (group: DisagreementJson, label: LabelName, settleReason: string) => {
      clearError();
      try {
        await settleDisagreement(team, {
          annotationIds: group.annotations.map((annotation) => annotation.id),
          label,
          reason: settleReason,
        });
      } catch (error) {
        fail(messageOf(error));
        return false;
      }
      succeed(`Disagreement settled as ${label}`);
      onSettled(group.key);
      onDecided(group.annotations.map((annotation) => annotation.id));
      return true;
    },
    [team, clearError, fail, succeed, onSettled, onDecided],
  );

  const reopen = useCallback(
    (item: ReviewQueueItem) =>
      run(async () => {
        await reopenAnnotation(item.id, { version: item.version });
        succeed(`Reopened: “${item.quote.slice(0, 60)}” is pending review again`);
        onDecided([item.id]);
        afterDecision();
      }),
    [run, succeed, onDecided, afterDecision],
  );

  const startReason = useCallback((next: PendingDecision) => {
    setPending(next);
    // Focus after the reason box renders.
    window.setTimeout(() => reasonRef.current?.focus(), 0);
  }, []);

  const cancelReason = useCallback(() => setPending(null), []);

  /** Confirms the pending rejection or relabel of the focused annotation with the typed reason. */
  const submitReason = useCallback(
    (focused: ReviewQueueItem | null) => {
      if (!focused || !pending) return;
      if (!reason.trim()) {
        fail("Write a reason first");
        return;
      }
      if (pending.kind === "reject") void decide(focused, "reject");
      else void decide(focused, "relabel", pending.label);
    },
    [pending, reason, fail, decide],
  );

  return {
    pending,
    reason,
    setReason,
    reasonRef,
    busy,
    decide,
    decideBulk,
    settle,
    reopen,
    startReason,
    cancelReason,
    submitReason,
  };
}
