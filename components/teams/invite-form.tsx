"use client";

import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/run-action.ts";
import { formatDateTime, formatRelative } from "@/lib/format/dates";
import { CopySecret } from "./copy-secret.tsx";

/** What the create action answers: the new link, shown once. */
type Action = FormAction<{ path: string; role: string; expiresAt: string; email: string | null }>;

/** Creates an invite link (role, expiry, optional email) and shows it once with a copy button. */
export function InviteForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const created = state?.ok ? state.data : null;
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        {state?.ok === false && <Alert>{state.error}</Alert>}
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Role" name="role" defaultValue="annotator">
            <option value="viewer">Viewer: reads</option>
            <option value="annotator">Annotator: tags passages</option>
            <option value="moderator">Moderator: reviews tags</option>
            <option value="admin">Admin: manages the team</option>
          </SelectField>
          <SelectField label="Link expires after" name="expiresInHours" defaultValue="168">
            <option value="24">1 day</option>
            <option value="72">3 days</option>
            <option value="168">7 days</option>
            <option value="720">30 days</option>
          </SelectField>
          <TextField
            label="Only for this email (optional)"
            name="email"
            type="email"
            autoComplete="off"
            maxLength={320}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      {created && (
        <CopySecret
          label={`Invite link (${created.role}${created.email ? `, for ${created.email}` : ""})`}
          value={`${origin}${created.path}`}
          note={`Send this link to the person you invite. It works once and expires ${formatRelative(created.expiresAt, Date.now(), navigator.language)} (${formatDateTime(created.expiresAt, navigator.language)}). It will not be shown again.`}
        />
      )}
    </div>
  );
}
