"use client";

import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/run-action";

type Result = Promise<ActionResult<unknown>>;

/** Archive and delete for admins, each behind a confirmation dialog. */
export function ArticleAdminActions({
  title,
  archived,
  onSetArchived,
  onDelete,
}: {
  title: string;
  archived: boolean;
  onSetArchived: (archived: boolean) => Result;
  onDelete: () => Result;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const [confirmText, setConfirmText] = useState("");

  const run = (action: () => Result) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : result.error);
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => {
          if (
            archived ||
            window.confirm(
              "Archive this article? It leaves the team's list but stays readable and exportable.",
            )
          ) {
            run(() => onSetArchived(!archived));
          }
        }}
      >
        {archived ? "Unarchive" : "Archive"}
      </Button>
      <Button variant="danger" disabled={pending} onClick={() => dialog.current?.showModal()}>
        Delete…
      </Button>
      {error && <Alert>{error}</Alert>}
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto max-w-md rounded-lg border border-gray-300 p-6 shadow-xl backdrop:bg-black/40"
      >
        <h2 id="delete-title" className="text-lg font-semibold text-gray-900">
          Delete this article?
        </h2>
        <p className="mt-2 text-sm text-gray-800">
          “{title}” and its annotations disappear for the whole team. The deletion is recorded in the audit
          log. Type <strong>delete</strong> to confirm.
        </p>
        <label htmlFor="confirm-delete" className="sr-only">
          Type delete to confirm
        </label>
        <input
          id="confirm-delete"
          value={confirmText}
          onChange={(event) => setConfirmText(event.target.value)}
          className="mt-3 w-full rounded-md border border-gray-400 px-3 py-2 text-sm"
          autoComplete="off"
        />
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={confirmText.trim().toLowerCase() !== "delete" || pending}
            onClick={() => {
              dialog.current?.close();
              run(onDelete);
            }}
          >
            Delete article
          </Button>
        </div>
      </dialog>
    </div>
  );
}
