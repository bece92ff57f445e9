"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type State = { error: string | null; saved?: boolean };
type CountedState = State & { attempt: number };
type Action = (state: State, form: FormData) => Promise<State>;

const ROLES = ["admin", "moderator", "annotator", "viewer"] as const;

/** A member's role as a select with a save button (admins). */
export function RoleForm({
  action,
  role,
  memberId,
  memberName,
}: {
  action: Action;
  role: string;
  memberId: string;
  memberName: string;
}) {
  // Count the attempts so the select is remounted after each answer: it then shows the role the
  // server holds (the old one after a refusal, the new one after the page revalidates).
  const [state, formAction, pending] = useActionState<CountedState, FormData>(
    async (previous, form) => ({ ...(await action(previous, form)), attempt: previous.attempt + 1 }),
    { error: null, attempt: 0 },
  );
  return (
    <form action={formAction} className="space-y-1">
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`role-${memberId}`}>
          Role of {memberName}
        </label>
        <select
          key={state.attempt}
          id={`role-${memberId}`}
          name="role"
          defaultValue={role}
          className="rounded-md border border-gray-400 bg-white px-2 py-1.5 text-sm text-gray-900"
        >
          {ROLES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <Button
          type="submit"
          variant="secondary"
          disabled={pending}
          aria-label={`Save role of ${memberName}`}
        >
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
      {state.error && <Alert>{state.error}</Alert>}
      {state.saved && !state.error && (
        <p role="status" className="text-xs text-green-800">
          Saved
        </p>
      )}
    </form>
  );
}
