"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/run-action.ts";
import { DEFAULT_TOKEN_LIFETIME_DAYS } from "@/lib/validation/tokens.ts";
import { CopySecret } from "./copy-secret.tsx";

/** What the create action answers: the new token's name and its secret, shown once. */
type Action = FormAction<{ name: string; secret: string }>;

const SCOPES = [
  { value: "read", label: "read", description: "articles, annotations, evidence, members" },
  { value: "annotate", label: "annotate", description: "import articles, create annotations and evidence" },
  { value: "review", label: "review", description: "approve, reject and relabel annotations" },
  { value: "export", label: "export", description: "download annotations as JSON" },
];

/** Issues an API token: name, scopes, expiry; the secret is shown once with a copy button. */
export function CreateTokenForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const created = state?.ok ? state.data : null;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        {state?.ok === false && <Alert>{state.error}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            hint="What uses it, e.g. “Data desk export script”"
          />
          <SelectField
            label="Expires"
            name="expiresInDays"
            defaultValue={String(DEFAULT_TOKEN_LIFETIME_DAYS)}
          >
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
            <option value="never">Never (until revoked by hand)</option>
          </SelectField>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-gray-900">Scopes</legend>
          <p className="text-xs text-gray-600">
            A token never does more than its creator's role allows, and never manages members or tokens.
          </p>
          {SCOPES.map((scope) => (
            <div key={scope.value} className="flex items-start gap-2">
              <input
                id={`scope-${scope.value}`}
                type="checkbox"
                name="scopes"
                value={scope.value}
                defaultChecked={scope.value === "read"}
                className="mt-0.5 h-4 w-4"
              />
              <label htmlFor={`scope-${scope.value}`} className="text-sm text-gray-900">
                <span className="font-mono font-medium">{scope.label}</span>
                <span className="text-gray-700">: {scope.description}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
      {created && (
        <CopySecret
          label={`Secret of “${created.name}”`}
          value={created.secret}
          note="Copy it now: it is shown only this once and cannot be recovered. Send it as Authorization: Bearer <secret>."
        />
      )}
    </div>
  );
}
