"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormAction } from "@/lib/actions/run-action.ts";

function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** Name a new team; its address (slug) is suggested from the name and can be edited. */
export function CreateTeamForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const error = state?.ok === false ? state.error : null;
  const [name, setName] = useState(state?.ok === false ? (state.values?.name ?? "") : "");
  const [slug, setSlug] = useState(state?.ok === false ? (state.values?.slug ?? "") : "");
  const [slugEdited, setSlugEdited] = useState(false);
  return (
    <form
      action={formAction}
      className="space-y-4"
      aria-describedby={error ? "create-team-error" : undefined}
    >
      {error && (
        <div id="create-team-error">
          <Alert>{error}</Alert>
        </div>
      )}
      <TextField
        label="Team name"
        name="name"
        required
        maxLength={100}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          if (!slugEdited) setSlug(suggestSlug(event.target.value));
        }}
      />
      <TextField
        label="Address"
        name="slug"
        required
        minLength={3}
        maxLength={40}
        pattern="[a-z0-9][a-z0-9\-]{1,38}[a-z0-9]"
        hint="3-40 lowercase letters, digits and hyphens; the team lives at /t/<address>"
        value={slug}
        onChange={(event) => {
          setSlugEdited(true);
          setSlug(event.target.value);
        }}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create team"}
      </Button>
    </form>
  );
}
