import type { EvidenceSourceJson } from "../evidence/evidence-json.ts";
import type { LabelName, StatusName } from "../validation/annotations.ts";
import type { EvidenceRelationName } from "../validation/evidence.ts";

/** The version of the `json` export format (schemas/export.schema.json). */
export const EXPORT_SCHEMA_VERSION = 1 as const;

export interface UserRef {
  id: string;
  name: string;
}

export interface ExportedEvidence extends EvidenceSourceJson {
  id: string;
  relation: EvidenceRelationName;
  kind: "external" | "internal";
  targetAnnotationId: string | null;
  targetArticleId: string | null;
  removed: boolean;
  note: string | null;
  addedBy: UserRef;
  createdAt: string;
  /** Proofmark's snapshot of an external source (external items only; null: none was taken). */
  snapshot?: ExportedSnapshot | null;
}

/** The snapshot of an external evidence item in the json export (docs/EVIDENCE.md "In the exports"). */
export interface ExportedSnapshot {
  state: "archiving" | "archived" | "failed";
  fetchedAt: string | null;
  sha256: string | null;
  httpStatus: number | null;
  finalUrl: string | null;
  contentType: string | null;
  title: string | null;
  lastCheck: { status: "ok" | "redirected" | "gone" | "error"; checkedAt: string; changed: boolean } | null;
}

export interface ExportedReview {
  id: string;
  decision: "approve" | "reject" | "relabel";
  fromLabel: LabelName | null;
  toLabel: LabelName | null;
  reason: string | null;
  moderator: UserRef;
  createdAt: string;
}

export interface ExportedReply {
  id: string;
  body: string;
  author: UserRef;
  createdAt: string;
  editedAt: string | null;
}

/** A verdict on an approved fact (optional in the format: only annotations that have one carry it). */
export interface ExportedVerdict {
  id: string;
  rating: { label: string; value: number | null };
  /** Markdown. */
  conclusion: string;
  /** Ids of this annotation's exported evidence items the verdict rests on. */
  evidenceIds: string[];
  author: UserRef;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedAnnotation {
  id: string;
  label: LabelName;
  status: StatusName;
  quote: string;
  prefix: string;
  suffix: string;
  /** UTF-16 code units into article.text. */
  start: number;
  end: number;
  note: string | null;
  author: UserRef;
  createdAt: string;
  updatedAt: string;
  orphaned: boolean;
  importedFromId: string | null;
  /** The blind round it was made in (absent outside rounds), and when its author submitted. */
  round?: { id: string; submittedAt: string | null };
  evidence: ExportedEvidence[];
  reviews: ExportedReview[];
  replies: ExportedReply[];
  verdict?: ExportedVerdict;
}

export interface ExportedArticle {
  id: string;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  language: string | null;
  format: "text" | "html" | "markdown";
  archived: boolean;
  createdAt: string;
  text: string;
}

/** One article of the `json` export (one line of `ndjson`, one element of a team `json` array). */
export interface ArticleExport {
  schemaVersion: typeof EXPORT_SCHEMA_VERSION;
  exportedAt: string;
  team: { id: string; slug: string; name: string };
  article: ExportedArticle;
  annotations: ExportedAnnotation[];
}
