"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";

type Action = (state: { error: string | null }, form: FormData) => Promise<{ error: string | null }>;

/** Import an article from a link, by pasting, or by uploading a file (text, HTML, Markdown, PDF). */
export function ImportArticleForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { error: null });
  return (
    <form
      action={formAction}
      className="space-y-5"
      aria-describedby={state.error ? "import-error" : undefined}
    >
      {state.error && (
        <div id="import-error">
          <Alert>{state.error}</Alert>
        </div>
      )}
      <fieldset className="space-y-3 rounded-md border border-gray-300 p-4">
        <legend className="px-1 text-sm font-medium text-gray-900">From the web</legend>
        <TextField
          label="Link to the article"
          name="url"
          type="url"
          placeholder="https://"
          hint="Proofmark fetches the page and keeps the story only (no menus, ads or comments); title, byline, date and language come from the page unless you fill them in below"
          autoFocus
        />
      </fieldset>
      <TextField
        label="Title"
        name="title"
        maxLength={500}
        hint="Required for pasted text; for a link or a PDF it is taken from the document when left empty"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Byline" name="byline" maxLength={500} />
        <TextField
          label="Source URL"
          name="sourceUrl"
          type="url"
          placeholder="https://"
          hint="http or https only"
        />
        <TextField label="Published" name="publishedAt" type="date" />
        <TextField
          label="Language"
          name="language"
          placeholder="detected"
          maxLength={20}
          hint="A tag such as en, fr or ar; detected from the text when left empty"
        />
      </div>
      <fieldset className="space-y-3 rounded-md border border-gray-300 p-4">
        <legend className="px-1 text-sm font-medium text-gray-900">Body</legend>
        <SelectField label="Pasted format" name="format" defaultValue="text">
          <option value="text">Plain text (blank lines separate paragraphs)</option>
          <option value="html">HTML</option>
          <option value="markdown">Markdown</option>
        </SelectField>
        <div className="space-y-1">
          <label htmlFor="content" className="block text-sm font-medium text-gray-900">
            Paste the article
          </label>
          <textarea
            id="content"
            name="content"
            rows={14}
            className="block w-full rounded-md border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="file" className="block text-sm font-medium text-gray-900">
            …or upload a file
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".txt,.html,.htm,.md,.markdown,.pdf,text/plain,text/html,text/markdown,application/pdf"
            className="text-sm"
          />
          <p className="text-xs text-gray-600">
            .txt, .html or .md up to 2 MB, or a .pdf with a text layer up to 4 MB. A file takes the place of
            pasted text.
          </p>
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import article"}
      </Button>
    </form>
  );
}
