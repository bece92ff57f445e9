import { z } from "zod";
import { LABELS } from "../annotations.ts";
import { EVIDENCE_RELATIONS } from "../evidence.ts";
import { ZId, ZNullableTimestamp, ZTimestamp, ZUserRef } from "./common.ts";

export const ZEvidenceRelationName = z.enum(EVIDENCE_RELATIONS).meta({ id: "EvidenceRelation" });

/** lib/evidence/snapshots/snapshot-json.ts LinkCheckJson */
export const ZLinkCheck = z
  .object({
    status: z.enum(["ok", "redirected", "gone", "error"]).meta({
      description: "ok (2xx at the cited URL), redirected (2xx after redirects), gone (404 or 410), error",
    }),
    checkedAt: ZTimestamp,
    httpStatus: z.number().int().nullable(),
    finalUrl: z.string().nullable().meta({ description: "The URL answered after redirects" }),
    reason: z.string().nullable().meta({ description: "Why the check is an error" }),
    changed: z.boolean().meta({ description: "The readable text differs from the archived snapshot" }),
  })
  .meta({ id: "LinkCheck" });

/** lib/evidence/snapshots/snapshot-json.ts SnapshotSummaryJson */
export const ZSnapshotSummary = z
  .object({
    state: z.enum(["archiving", "archived", "failed"]),
    failureReason: z.string().nullable(),
    fetchedAt: ZNullableTimestamp,
    sha256: z.string().nullable().meta({ description: "SHA-256 (hex) of the bytes received" }),
    finalUrl: z.string().nullable(),
    contentType: z.string().nullable(),
    httpStatus: z.number().int().nullable(),
    publicArchiveUrl: z
      .string()
      .nullable()
      .meta({ description: "The Wayback Machine's copy, when the team asks for one" }),
    checkPending: z.boolean().meta({ description: "A link check was asked for and has not run yet" }),
    lastCheck: ZLinkCheck.nullable(),
  })
  .meta({ id: "SnapshotSummary" });

/** lib/evidence/evidence-json.ts EvidenceJson */
export const ZEvidence = z
  .object({
    id: ZId,
    annotationId: ZId.meta({ description: "The annotation this evidence supports or disputes" }),
    relation: ZEvidenceRelationName,
    kind: z.enum(["external", "internal"]),
    url: z.string().nullable().meta({ description: "The external source (null for an internal target)" }),
    title: z.string().nullable(),
    publisher: z.string().nullable(),
    quote: z
      .string()
      .nullable()
      .meta({ description: "The excerpt of the source that supports the relation" }),
    accessedAt: ZNullableTimestamp,
    archivedUrl: z.string().nullable().meta({ description: "An archived copy of the source" }),
    target: z
      .object({
        annotationId: ZId.nullable(),
        articleId: ZId.nullable(),
        articleTitle: z.string().nullable(),
        quote: z.string().nullable(),
        label: z.enum(LABELS).nullable(),
        removed: z
          .boolean()
          .meta({ description: "The cited annotation was deleted since; its text is no longer shown" }),
      })
      .nullable(),
    note: z.string().nullable(),
    addedBy: ZUserRef,
    createdAt: ZTimestamp,
    snapshot: ZSnapshotSummary.nullable().meta({
      description: "Proofmark's snapshot of an external source and its last link check (null: none)",
    }),
  })
  .meta({ id: "Evidence" });

export const ZEvidenceItem = ZEvidence.extend({
  canRemove: z.boolean().meta({ description: "Whether the caller may remove it" }),
}).meta({ id: "EvidenceItem" });

/** lib/evidence/list-evidence.ts EvidenceListJson */
export const ZEvidenceList = z
  .object({
    annotationId: ZId,
    articleId: ZId,
    canAdd: z.boolean().meta({ description: "Whether the caller may add evidence here" }),
    corroborates: z.array(ZEvidenceItem),
    contradicts: z.array(ZEvidenceItem),
    citedBy: z
      .array(
        z.object({
          evidenceId: ZId,
          relation: ZEvidenceRelationName,
          annotationId: ZId,
          articleId: ZId,
          articleTitle: z.string(),
          quote: z.string(),
          label: z.enum(LABELS),
          addedBy: ZUserRef,
          createdAt: ZTimestamp,
        }),
      )
      .meta({ description: "Annotations of the team that cite this one as evidence" }),
  })
  .meta({ id: "EvidenceList" });

/** lib/evidence/search-citable-annotations.ts CitableAnnotationJson */
export const ZCitableAnnotation = z
  .object({
    id: ZId,
    articleId: ZId,
    articleTitle: z.string(),
    quote: z.string(),
    note: z.string().nullable(),
    label: z.enum(LABELS),
    author: ZUserRef,
    createdAt: ZTimestamp,
  })
  .meta({ id: "CitableAnnotation" });

/** lib/evidence/snapshots/get-evidence-snapshot.ts */
export const ZSnapshot = ZSnapshotSummary.extend({
  evidenceId: ZId,
  annotationId: ZId,
  articleId: ZId,
  url: z.string(),
  attempts: z.number().int(),
  byteLength: z.number().int().nullable(),
  title: z.string().nullable(),
  text: z.string().nullable().meta({ description: "The readable text (null until archived)" }),
  quote: z.string().nullable().meta({ description: "The evidence's cited excerpt" }),
  change: z
    .object({ at: z.number().int(), removed: z.string(), inserted: z.string() })
    .nullable()
    .meta({ description: "The changed region of the text found by the last check" }),
}).meta({ id: "Snapshot" });

/** lib/evidence/snapshots/evidence-settings.ts EvidenceSettingsJson */
export const ZEvidenceSettings = z
  .object({
    linkCheckIntervalDays: z
      .number()
      .int()
      .nullable()
      .meta({ description: "null: scheduled checks are off" }),
    articleRecheckIntervalHours: z
      .number()
      .int()
      .nullable()
      .meta({ description: "null: URL-imported articles are re-checked only on demand" }),
    articleRecheckWindowDays: z
      .number()
      .int()
      .meta({ description: "Articles imported within this many days are re-checked on the schedule" }),
    waybackSave: z.boolean().meta({ description: "Also ask the Wayback Machine to save each cited page" }),
    canEdit: z.boolean().meta({ description: "Whether the caller may change them (admins)" }),
  })
  .meta({ id: "EvidenceSettings" });
