"use client";

import { Button } from "@/components/ui/button";

/** The bar shown while annotations are ticked: approve all, or reject all with one reason. */
export function BulkDecisionBar({
  count,
  reason,
  onReasonChange,
  busy,
  onApprove,
  onReject,
  onClear,
}: {
  count: number;
  reason: string;
  onReasonChange: (reason: string) => void;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
  onClear: () => void;
}) {
  return (
    <section
      aria-label="Bulk decision"
      className="flex flex-wrap items-end gap-3 rounded-md border border-blue-300 bg-blue-50 p-3"
    >
      <p className="text-sm font-medium text-blue-950">{count} selected</p>
      <Button disabled={busy} onClick={onApprove}>
        Approve all
      </Button>
      <label className="text-sm text-gray-900">
        <span className="mr-2">Reason to reject</span>
        <input
          value={reason}
          onChange={(event) => onReasonChange(event.target.value)}
          className="rounded-md border border-gray-400 px-2 py-1.5 text-sm"
        />
      </label>
      <Button variant="danger" disabled={busy || !reason.trim()} onClick={onReject}>
        Reject all
      </Button>
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </section>
  );
}
