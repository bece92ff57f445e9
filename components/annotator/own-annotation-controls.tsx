"use client";

import { useState } from "react";
import type { LabelName } from "@/lib/validation/annotations";
import { LABEL_META, LABEL_ORDER } from "./labels";
import type { ShownAnnotation } from "./resolve-annotations";

type ChangeResult = { ok: true } | { ok: false; error: string };

/** Changing and deleting one's own annotation from its sidebar row. */
export interface SidebarActions {
  update: (
    annotation: ShownAnnotation,
    input: { label?: LabelName; note?: string | null },
  ) => Promise<ChangeResult>;
  remove: (annotation: ShownAnnotation) => Promise<ChangeResult>;
}

/** Edit (label and note) and Delete under one's own annotation; a refusal is shown under them. */
export function OwnAnnotationControls({
  annotation,
  actions,
}: {
  annotation: ShownAnnotation;
  actions: SidebarActions;
}) {
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState<LabelName>(annotation.label);
  const [note, setNote] = useState(annotation.note ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<ChangeResult>) => {
    setBusy(true);
    setError(null);
    const result = await work();
    setBusy(false);
    if (result.ok) setEditing(false);
    else setError(result.error);
  };
  return (
    <div className="mt-2 text-xs">
      {editing ? (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => actions.update(annotation, { label, note: note.trim() || null }));
          }}
        >
          <label className="block font-medium text-gray-800">
            Label
            <select
              value={label}
              onChange={(event) => setLabel(event.target.value as LabelName)}
              className="mt-0.5 block w-full rounded border border-gray-300 bg-white px-1.5 py-1"
            >
              {LABEL_ORDER.map((value) => (
                <option key={value} value={value}>
                  {LABEL_META[value].name}
                </option>
              ))}
            </select>
          </label>
          <label className="block font-medium text-gray-800">
            Note
            <textarea
              value={note}
              maxLength={2000}
              rows={2}
              onChange={(event) => setNote(event.target.value)}
              className="mt-0.5 block w-full rounded border border-gray-300 px-1.5 py-1 font-normal"
            />
          </label>
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={busy}
              className="rounded bg-blue-700 px-2 py-1 font-medium text-white"
            >
              Save
            </button>
            <button
              type="button"
              onClick={() => setEditing(false)}
              className="rounded px-2 py-1 text-gray-800"
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="flex gap-3">
          <button type="button" className="text-blue-800 underline" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            disabled={busy}
            className="text-red-800 underline"
            onClick={() => {
              if (window.confirm("Delete this annotation?")) void run(() => actions.remove(annotation));
            }}
          >
            Delete
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
