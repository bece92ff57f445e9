"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { FormAction } from "@/lib/actions/run-action.ts";

/** The re-check's answer: what it found, in one sentence. */
type Action = FormAction<string>;

/** "Check the source again": re-fetches the page the article came from (a plain form POST without JS). */
export function SourceRefreshButton({ action, checkedAt }: { action: Action; checkedAt: string | null }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3 text-sm">
      <Button type="submit" disabled={pending}>
        {pending ? "Checking the source…" : "Check the source again"}
      </Button>
      {checkedAt && (
        <span className="text-gray-700">
          Last fetched <LocalTime value={checkedAt} style="datetime" />
        </span>
      )}
      <p role="status" aria-live="polite" className="w-full text-gray-800">
        {state?.ok === false ? <span className="text-red-800">{state.error}</span> : state?.data}
      </p>
    </form>
  );
}
