"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type State = { error: string | null };
type Action = (state: State) => Promise<State>;

/** The Accept button of an invite page, with the server's refusal shown above it. */
export function AcceptInviteForm({ action, teamName }: { action: Action; teamName: string }) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form action={formAction} className="space-y-3">
      {state.error && <Alert>{state.error}</Alert>}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Joining…" : `Accept and join ${teamName}`}
      </Button>
    </form>
  );
}
