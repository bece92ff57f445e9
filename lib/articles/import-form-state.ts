// The import form's state, shared by the server action and the client form (no server code).

export const IMPORT_FIELDS = [
  "url",
  "title",
  "byline",
  "sourceUrl",
  "publishedAt",
  "language",
  "format",
  "content",
  "file",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What the person typed, returned to the page so that nothing is lost on an error. */
export interface ImportFormValues {
  /** A link to import from (format url); empty for pasted or uploaded articles. */
  url: string;
  title: string;
  byline: string;
  sourceUrl: string;
  publishedAt: string;
  language: string;
  format: string;
  content: string;
}

export type ImportFieldErrors = Partial<Record<ImportField, string>>;

export const EMPTY_IMPORT_VALUES: ImportFormValues = {
  url: "",
  title: "",
  byline: "",
  sourceUrl: "",
  publishedAt: "",
  language: "",
  format: "text",
  content: "",
};

/** What the import action answers when it did not import: the page shows it. */
export interface ImportState {
  /** A message for the whole form (not about one field). */
  error: string | null;
  fieldErrors: ImportFieldErrors;
  /** What was sent, so that the page shows it again after an error. */
  values: ImportFormValues;
  /** The uploaded file whose text was put into the paste box after another field's error. */
  uploadedName: string | null;
  /** Counts the answers, so that the form re-renders with the returned values each time. */
  attempt: number;
}

export const INITIAL_IMPORT_STATE: ImportState = {
  error: null,
  fieldErrors: {},
  values: EMPTY_IMPORT_VALUES,
  uploadedName: null,
  attempt: 0,
};
