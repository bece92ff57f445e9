"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { CitableAnnotationJson } from "@/lib/evidence/search-citable-annotations";
import type { EvidenceRelationName } from "@/lib/validation/evidence";

/** The body the form sends, as POST /api/v1/annotations/{id}/evidence takes it. */
export type AddEvidenceInput =
  | {
      relation: EvidenceRelationName;
      url: string;
      title?: string;
      publisher?: string;
      quote?: string;
      accessedAt?: string;
      archivedUrl?: string;
      note?: string;
    }
  | { relation: EvidenceRelationName; targetAnnotationId: string; note?: string };

/** Searches the team's annotations for the picker; resolves to matches or an error message. */
export type SearchCitable = (q: string) => Promise<CitableAnnotationJson[] | string>;

/** The picker's default search: GET /api/v1/teams/{team}/annotations/search with the session cookie. */
export function fetchCitable(team: string, exclude?: string): SearchCitable {
  return async (q) => {
    const params = new URLSearchParams({ q, ...(exclude ? { exclude } : {}) });
    const response = await fetch(`/api/v1/teams/${encodeURIComponent(team)}/annotations/search?${params}`, {
      credentials: "same-origin",
      headers: { accept: "application/json" },
    });
    const body = (await response.json().catch(() => null)) as {
      annotations?: CitableAnnotationJson[];
      error?: { message?: string };
    } | null;
    if (!response.ok) return body?.error?.message ?? "Search failed";
    return body?.annotations ?? [];
  };
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function CitablePicker({
  search,
  selected,
  onSelect,
}: {
  search: SearchCitable;
  selected: CitableAnnotationJson | null;
  onSelect: (annotation: CitableAnnotationJson | null) => void;
}) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<CitableAnnotationJson[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const name = useId();

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setResults([]);
      setError(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      setLoading(true);
      const found = await search(text).catch(() => "Search failed");
      if (cancelled) return;
      setLoading(false);
      if (typeof found === "string") {
        setError(found);
        setResults([]);
      } else {
        setError(null);
        setResults(found);
      }
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, search]);

  return (
    <div className="space-y-2">
      <TextField
        label="Find an annotation"
        hint="Search the quotes and notes of your team's annotations (at least 2 characters)"
        type="search"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        maxLength={200}
      />
      {loading && <p className="text-xs text-gray-600">Searching…</p>}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
      {results.length > 0 && (
        <fieldset>
          <legend className="sr-only">Annotations found</legend>
          <ul className="max-h-56 space-y-1 overflow-y-auto">
            {results.map((annotation) => (
              <li key={annotation.id}>
                <label className="flex cursor-pointer gap-2 rounded-md border border-gray-200 p-2 text-sm hover:bg-gray-50">
                  <input
                    type="radio"
                    name={name}
                    checked={selected?.id === annotation.id}
                    onChange={() => onSelect(annotation)}
                  />
                  <span>
                    <span className="text-gray-900">“{annotation.quote.slice(0, 140)}”</span>
                    <span className="block text-xs text-gray-700">
                      {annotation.label} · {annotation.articleTitle} · {annotation.author.name}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {q.trim().length >= 2 && !loading && !error && results.length === 0 && (
        <p className="text-xs text-gray-600">No annotation matches.</p>
      )}
    </div>
  );
}

/**
 * The form that attaches evidence to an annotation: the relation, then either an external
 * source (URL, title, publisher, quoted excerpt, accessed date, archived copy) or another
 * annotation of the team found by searching quotes and notes; an optional note.
 */
export function AddEvidenceForm({
  onAdd,
  search,
  onDone,
}: {
  /** Sends the input; resolves to an error message, or null when it worked. */
  onAdd: (input: AddEvidenceInput) => Promise<string | null>;
  /** The picker's search (see fetchCitable). */
  search: SearchCitable;
  /** Called after a successful add (e.g. to close the form). */
  onDone?: () => void;
}) {
  const [relation, setRelation] = useState<EvidenceRelationName>("corroborates");
  const [kind, setKind] = useState<"external" | "internal">("external");
  const [target, setTarget] = useState<CitableAnnotationJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const relationName = useId();
  const kindName = useId();

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const text = (key: string) => {
      const value = data.get(key);
      return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    };
    let input: AddEvidenceInput;
    if (kind === "external") {
      const url = text("url");
      if (!url) return setError("Enter the source's URL");
      input = {
        relation,
        url,
        title: text("title"),
        publisher: text("publisher"),
        quote: text("quote"),
        accessedAt: text("accessedAt"),
        archivedUrl: text("archivedUrl"),
        note: text("note"),
      };
    } else {
      if (!target) return setError("Pick the annotation to cite");
      input = { relation, targetAnnotationId: target.id, note: text("note") };
    }
    setBusy(true);
    setError(null);
    const failure = await onAdd(input);
    setBusy(false);
    if (failure) return setError(failure);
    setTarget(null);
    setFormKey((key) => key + 1);
    onDone?.();
  }

  return (
    <form
      key={formKey}
      className="space-y-3"
      aria-label="Add evidence"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium text-gray-900">This evidence</legend>
        {(["corroborates", "contradicts"] as const).map((value) => (
          <label key={value} className="flex items-center gap-1.5">
            <input
              type="radio"
              name={relationName}
              checked={relation === value}
              onChange={() => setRelation(value)}
            />
            {value === "corroborates" ? "✓ corroborates" : "✗ contradicts"}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium text-gray-900">Source</legend>
        {(
          [
            ["external", "A web page or document"],
            ["internal", "Another annotation"],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="flex items-center gap-1.5">
            <input type="radio" name={kindName} checked={kind === value} onChange={() => setKind(value)} />
            {text}
          </label>
        ))}
      </fieldset>
      {kind === "external" ? (
        <div className="space-y-2">
          <TextField label="URL" name="url" type="url" required maxLength={2048} placeholder="https://" />
          <TextField label="Title" name="title" maxLength={500} />
          <TextField label="Publisher" name="publisher" maxLength={200} />
          <TextAreaField label="Quoted excerpt" name="quote" maxLength={5000} rows={3} />
          <TextField label="Accessed on" name="accessedAt" type="date" defaultValue={today()} max={today()} />
          <TextField
            label="Archived copy (optional)"
            name="archivedUrl"
            type="url"
            maxLength={2048}
            placeholder="https://web.archive.org/…"
          />
        </div>
      ) : (
        <CitablePicker search={search} selected={target} onSelect={setTarget} />
      )}
      <TextAreaField label="Note (optional)" name="note" maxLength={2000} rows={2} />
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? "Adding…" : "Add evidence"}
      </Button>
    </form>
  );
}
