"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/run-action.ts";

/**
 * A destructive action behind a second, explicit confirmation step (no browser dialog), with
 * the server's refusal shown next to it.
 */
export function ConfirmActionForm({
  action,
  label,
  confirmLabel,
  question,
}: {
  action: FormAction;
  /** The first button, e.g. "Remove". Give it context for screen readers, e.g. "Remove Ada". */
  label: string;
  confirmLabel: string;
  question: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {state?.ok === false && <Alert>{state.error}</Alert>}
      {confirming ? (
        <form action={formAction} className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-gray-800">{question}</span>
          <Button type="submit" variant="danger" disabled={pending} autoFocus>
            {pending ? "Working…" : confirmLabel}
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {label}
        </Button>
      )}
    </div>
  );
}
