"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ButtonAction } from "@/lib/actions/run-action.ts";

/** The Accept button of an invite page, with the server's refusal shown above it. */
export function AcceptInviteForm({ action, teamName }: { action: ButtonAction; teamName: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      {state?.ok === false && <Alert>{state.error}</Alert>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Joining…" : `Accept and join ${teamName}`}
      </Button>
    </form>
  );
}
