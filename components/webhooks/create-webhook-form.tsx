"use client";

import { useActionState } from "react";
import { CopySecret } from "@/components/teams/copy-secret";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { ButtonAction, FormAction } from "@/lib/actions/run-action.ts";

/** A new or rotated endpoint's signing secret, shown once. */
type Secret = { label: string; value: string };

/** Registers an endpoint: URL, events, format, description; the signing secret is shown once. */
export function CreateWebhookForm({
  action,
  eventTypes,
}: {
  action: FormAction<Secret>;
  eventTypes: readonly string[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const secret = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      <form action={formAction} method="post" className="space-y-4">
        {state?.ok === false && <Alert>{state.error}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Endpoint URL"
            name="url"
            type="url"
            required
            maxLength={2048}
            hint="https://… (a Slack incoming-webhook URL for the Slack format)"
          />
          <SelectField label="Format" name="format" defaultValue="standard">
            <option value="standard">Standard Webhooks (JSON event)</option>
            <option value="slack">Slack message</option>
          </SelectField>
        </div>
        <TextField
          label="Description"
          name="description"
          maxLength={500}
          hint="Optional, e.g. “Desk Slack channel”"
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-gray-900">Events</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {eventTypes.map((type) => (
              <div key={type} className="flex items-center gap-2">
                <input id={`event-${type}`} type="checkbox" name="events" value={type} className="h-4 w-4" />
                <label htmlFor={`event-${type}`} className="font-mono text-sm text-gray-900">
                  {type}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add endpoint"}
        </Button>
      </form>
      {secret && (
        <CopySecret
          label={secret.label}
          value={secret.value}
          note="Copy it now: it is shown only this once. Verify each delivery's webhook-signature with it (docs/WEBHOOKS.md)."
        />
      )}
    </div>
  );
}

/** Rotates an endpoint's secret; the new one is shown once. */
export function RotateSecretForm({ action, label }: { action: ButtonAction<Secret>; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const secret = state?.ok ? state.data : null;
  return (
    <div className="space-y-2">
      {state?.ok === false && <Alert>{state.error}</Alert>}
      <form action={formAction} method="post">
        <Button type="submit" variant="secondary" disabled={pending} aria-label={label}>
          {pending ? "Rotating…" : "Rotate secret"}
        </Button>
      </form>
      {secret && (
        <CopySecret
          label={secret.label}
          value={secret.value}
          note="Shown only this once. For 24 hours deliveries are signed with both the old and the new secret."
        />
      )}
    </div>
  );
}
