"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import type { PendingDecision } from "./use-review-decisions";

/** The reason box of a rejection or relabel: Enter confirms, Esc cancels. */
export function ReviewReasonForm({
  pending,
  reason,
  onReasonChange,
  reasonRef,
  busy,
  onSubmit,
  onCancel,
  onEscape,
}: {
  pending: NonNullable<PendingDecision>;
  reason: string;
  onReasonChange: (reason: string) => void;
  reasonRef: RefObject<HTMLTextAreaElement | null>;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  /** Esc: cancel and give the focus back to the list. */
  onEscape: () => void;
}) {
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor="review-reason" className="block text-sm font-medium text-gray-900">
        {pending.kind === "reject" ? "Reason for rejecting" : `Reason for relabelling as ${pending.label}`}{" "}
        <span className="font-normal text-gray-700">(Enter to confirm, Esc to cancel)</span>
      </label>
      <textarea
        id="review-reason"
        ref={reasonRef}
        rows={2}
        value={reason}
        required
        maxLength={2000}
        onChange={(event) => onReasonChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            onSubmit();
          } else if (event.key === "Escape") {
            event.preventDefault();
            onEscape();
          }
        }}
        className="block w-full rounded-md border border-gray-400 px-3 py-2 text-sm"
      />
      <div className="flex gap-2">
        <Button type="submit" variant={pending.kind === "reject" ? "danger" : "primary"} disabled={busy}>
          {pending.kind === "reject" ? "Reject" : `Relabel as ${pending.label}`}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
