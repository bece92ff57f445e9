"use client";

import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportState,
  INITIAL_IMPORT_STATE,
} from "@/lib/articles/import-form-state";

type Action = (state: ImportState, form: FormData) => Promise<ImportState>;

const FIELD_IDS: Record<ImportField, string> = {
  url: "import-url",
  title: "import-title",
  byline: "import-byline",
  sourceUrl: "import-source-url",
  publishedAt: "import-published-at",
  language: "import-language",
  format: "import-format",
  content: "content",
  file: "file",
};

const FIELD_LABELS: Record<ImportField, string> = {
  url: "Link to the article",
  title: "Title",
  byline: "Byline",
  sourceUrl: "Source URL",
  publishedAt: "Published",
  language: "Language",
  format: "Pasted format",
  content: "Article text",
  file: "File",
};

function FieldError({ field, message }: { field: ImportField; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${FIELD_IDS[field]}-error`} className="text-xs text-red-700">
      {message}
    </p>
  );
}

/**
 * Paste or upload an article, with its metadata. After a refused import every field shows what
 * was sent (also without JavaScript: the form posts and the page renders the action's answer),
 * with each message beside its field and a summary linking to them.
 */
export function ImportArticleForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_IMPORT_STATE);
  const { values, fieldErrors } = state;
  const invalid = IMPORT_FIELDS.filter((field) => fieldErrors[field]);
  const firstInvalid = invalid[0];
  // After a refused import, focus goes to the first field to fix (its message is read with it).
  useEffect(() => {
    if (state.attempt > 0 && firstInvalid) document.getElementById(FIELD_IDS[firstInvalid])?.focus();
  }, [state.attempt, firstInvalid]);
  const describedBy = (field: ImportField, hint?: string) =>
    fieldErrors[field] ? `${FIELD_IDS[field]}-error` : hint;
  return (
    // The key re-mounts the fields with the returned values after each answer (React resets a
    // form after its action; defaultValue alone would not bring a select or textarea back).
    <form key={state.attempt} action={formAction} className="space-y-5">
      {(invalid.length > 0 || state.error) && (
        <div id="import-error">
          <Alert>
            {state.error ?? (
              <>
                <p>
                  The article was not imported.{" "}
                  {invalid.length === 1 ? "One field needs" : `${invalid.length} fields need`} your attention;
                  everything you entered is still here.
                </p>
                <ul className="mt-1 list-disc pl-5">
                  {invalid.map((field) => (
                    <li key={field}>
                      <a className="underline" href={`#${FIELD_IDS[field]}`}>
                        {FIELD_LABELS[field]}
                      </a>
                      : {fieldErrors[field]}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Alert>
        </div>
      )}
      <fieldset className="space-y-3 rounded-md border border-gray-300 p-4">
        <legend className="px-1 text-sm font-medium text-gray-900">From the web</legend>
        <TextField
          id={FIELD_IDS.url}
          label="Link to the article"
          name="url"
          type="url"
          placeholder="https://"
          hint="Proofmark fetches the page and keeps the story only (no menus, ads or comments); title, byline, date and language come from the page unless you fill them in below"
          autoFocus={state.attempt === 0}
          defaultValue={values.url}
          error={fieldErrors.url}
        />
      </fieldset>
      <TextField
        id={FIELD_IDS.title}
        label="Title"
        name="title"
        maxLength={500}
        hint="Required for pasted text; for a link or a PDF it is taken from the document when left empty"
        defaultValue={values.title}
        error={fieldErrors.title}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={FIELD_IDS.byline}
          label="Byline"
          name="byline"
          maxLength={500}
          defaultValue={values.byline}
          error={fieldErrors.byline}
        />
        <TextField
          id={FIELD_IDS.sourceUrl}
          label="Source URL"
          name="sourceUrl"
          type="url"
          placeholder="https://"
          hint="http or https only"
          defaultValue={values.sourceUrl}
          error={fieldErrors.sourceUrl}
        />
        <TextField
          id={FIELD_IDS.publishedAt}
          label="Published"
          name="publishedAt"
          type="date"
          defaultValue={values.publishedAt}
          error={fieldErrors.publishedAt}
        />
        <TextField
          id={FIELD_IDS.language}
          label="Language"
          name="language"
          placeholder="English, français, en-GB…"
          hint="a name or a code; detected from the text when left empty"
          maxLength={60}
          defaultValue={values.language}
          error={fieldErrors.language}
        />
      </div>
      <fieldset className="space-y-3 rounded-md border border-gray-300 p-4">
        <legend className="px-1 text-sm font-medium text-gray-900">Body</legend>
        <SelectField
          id={FIELD_IDS.format}
          label="Pasted format"
          name="format"
          defaultValue={values.format}
          aria-invalid={fieldErrors.format ? true : undefined}
          aria-describedby={describedBy("format")}
        >
          <option value="text">Plain text (blank lines separate paragraphs)</option>
          <option value="html">HTML</option>
          <option value="markdown">Markdown</option>
        </SelectField>
        <FieldError field="format" message={fieldErrors.format} />
        <div className="space-y-1">
          <label htmlFor={FIELD_IDS.content} className="block text-sm font-medium text-gray-900">
            Paste the article
          </label>
          <textarea
            id={FIELD_IDS.content}
            name="content"
            rows={14}
            defaultValue={values.content}
            aria-invalid={fieldErrors.content ? true : undefined}
            aria-describedby={describedBy("content", state.uploadedName ? "content-hint" : undefined)}
            className="block w-full rounded-md border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
          />
          {state.uploadedName && !fieldErrors.content && (
            <p id="content-hint" className="text-xs text-gray-700">
              The text of “{state.uploadedName}” is in this box: no need to choose the file again.
            </p>
          )}
          <FieldError field="content" message={fieldErrors.content} />
        </div>
        <div className="space-y-1">
          <label htmlFor={FIELD_IDS.file} className="block text-sm font-medium text-gray-900">
            …or upload a file
          </label>
          <input
            id={FIELD_IDS.file}
            name="file"
            type="file"
            accept=".txt,.html,.htm,.md,.markdown,.pdf,text/plain,text/html,text/markdown,application/pdf"
            aria-invalid={fieldErrors.file ? true : undefined}
            aria-describedby={describedBy("file", "file-hint")}
            className="text-sm"
          />
          <p id="file-hint" className="text-xs text-gray-600">
            .txt, .html or .md up to 2 MB, or a .pdf with a text layer up to 4 MB. A file takes the place of
            pasted text.
          </p>
          <FieldError field="file" message={fieldErrors.file} />
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Importing…" : "Import article"}
      </Button>
    </form>
  );
}
