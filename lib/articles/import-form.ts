// The import page's form: what it sends, and the import's validation errors said in words people
// use, each beside its field. The rules themselves stay in ZCreateArticleInput (one source);
// this module only words them for the page. The API keeps its own precise messages.
import type { ZodError } from "zod";
import { ZContentImportInput, ZCreateArticleInput } from "../validation/articles.ts";
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportFieldErrors,
  type ImportFormValues,
} from "./import-form-state.ts";
import { parseLanguageTag } from "./language-tag.ts";

function text(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
}

/** Reads the import form's text fields as typed (the file is read separately). */
export function readImportFormValues(form: FormData): ImportFormValues {
  return {
    url: text(form, "url"),
    title: text(form, "title"),
    byline: text(form, "byline"),
    sourceUrl: text(form, "sourceUrl"),
    publishedAt: text(form, "publishedAt"),
    language: text(form, "language"),
    format: text(form, "format") || "text",
    content: text(form, "content"),
  };
}

const UNSTORABLE = "contains a character that cannot be stored; remove it and try again";

/** The message for one refused field, written for the person filling in the form. */
function describeIssue(field: ImportField, code: string): string {
  switch (field) {
    case "url":
      return "Enter the link to the article, starting with http:// or https:// (for example https://example.com/story).";
    case "title":
      if (code === "too_small") return "Give the article a title.";
      if (code === "too_big") return "The title is too long: keep it under 500 characters.";
      return `The title ${UNSTORABLE}.`;
    case "byline":
      if (code === "too_big") return "The byline is too long: keep it under 500 characters.";
      return `The byline ${UNSTORABLE}.`;
    case "sourceUrl":
      return "Enter the web address of the original article, starting with http:// or https:// (for example https://example.com/story).";
    case "publishedAt":
      return "Enter the publication date as a date, for example 2019-10-30.";
    case "language":
      return "Enter a language by its name or code, for example English, français, en or en-GB.";
    case "format":
      return "Choose whether the pasted article is plain text, HTML or Markdown.";
    case "content":
      if (code === "too_big") return "The article is too long to import: the limit is 2 MB.";
      return `The article text ${UNSTORABLE}.`;
    case "file":
      return "This file cannot be imported. Upload a .txt, .html, .md or .pdf file.";
  }
}

function isImportField(value: unknown): value is ImportField {
  return typeof value === "string" && (IMPORT_FIELDS as readonly string[]).includes(value);
}

/** One message per field (the first issue of each), from a ZCreateArticleInput error. */
export function describeImportIssues(error: ZodError): ImportFieldErrors {
  const errors: ImportFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (!isImportField(field) || errors[field]) continue;
    errors[field] = describeIssue(field, issue.code);
  }
  return errors;
}

/**
 * The form's values as the use case's input: blanks left out, the language read as a name or
 * code. A link wins over pasted text; an uploaded PDF arrives as `{format: "pdf", content: base64}`.
 */
export function toCreateArticleInput(
  values: ImportFormValues,
  upload: { format: string; content: string } | null,
) {
  const optional = (value: string) => (value.trim() === "" ? undefined : value);
  const language = optional(values.language);
  const metadata = {
    byline: optional(values.byline),
    sourceUrl: optional(values.sourceUrl),
    publishedAt: optional(values.publishedAt),
    // An unrecognised language is passed on as typed, so the schema refuses it.
    language: language === undefined ? undefined : (parseLanguageTag(language) ?? language),
  };
  const url = optional(values.url);
  // A link or a PDF brings its own title; one typed in the form wins.
  if (url) return { ...metadata, title: optional(values.title), format: "url", url };
  if (upload?.format === "pdf") {
    return { ...metadata, title: optional(values.title), format: "pdf", content: upload.content };
  }
  return {
    ...metadata,
    title: values.title,
    format: upload?.format ?? values.format,
    content: upload?.content ?? values.content,
  };
}

/**
 * Checks the form against the import's schema and says what is wrong, field by field, in words
 * people use. Returns an empty object when the input is valid.
 */
export function checkImportInput(input: ReturnType<typeof toCreateArticleInput>): ImportFieldErrors {
  const result = ZCreateArticleInput.safeParse(input);
  if (result.success) return {};
  const errors = describeImportIssues(result.error);
  if (errors.format) {
    // The union stops at an unknown format: check the other fields as pasted text, so that the
    // page says everything that is wrong at once.
    const rest = ZContentImportInput.safeParse({ ...input, format: "text" });
    if (!rest.success) return { ...describeImportIssues(rest.error), format: errors.format };
  }
  return errors;
}
