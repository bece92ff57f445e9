"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormAction, FormActionState } from "@/lib/actions/run-action.ts";

type CountedState = { result: FormActionState; attempt: number };

const ROLES = ["admin", "moderator", "annotator", "viewer"] as const;

/** A member's role as a select with a save button (admins). */
export function RoleForm({
  action,
  role,
  memberId,
  memberName,
}: {
  action: FormAction;
  role: string;
  memberId: string;
  memberName: string;
}) {
  // Count the attempts so the select is remounted after each answer: it then shows the role the
  // server holds (the old one after a refusal, the new one after the page revalidates).
  const [state, formAction, pending] = useActionState<CountedState, FormData>(
    async (previous, form) => ({
      result: await action(previous.result, form),
      attempt: previous.attempt + 1,
    }),
    { result: null, attempt: 0 },
  );
  const { result } = state;
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
      {result?.ok === false && <Alert>{result.error}</Alert>}
      {result?.ok && (
        <p role="status" className="text-xs text-green-800">
          Saved
        </p>
      )}
    </form>
  );
}
