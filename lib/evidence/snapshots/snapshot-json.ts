// The API forms of an evidence item's snapshot: the summary every evidence read carries, and the
// full snapshot (with its readable text) of GET /api/v1/evidence/{id}/snapshot.
import type { TextChange } from "../../articles/text-diff.ts";
import type { LinkCheckStatus, SnapshotState } from "../../generated/prisma/enums.ts";
import { isSafeHttpUrl } from "../../urls/normalise-url.ts";

export type SnapshotStateName = "archiving" | "archived" | "failed";
export type LinkCheckStatusName = "ok" | "redirected" | "gone" | "error";

/** The last link check of an evidence item. */
export interface LinkCheckJson {
  status: LinkCheckStatusName;
  checkedAt: string;
  httpStatus: number | null;
  finalUrl: string | null;
  reason: string | null;
  /** The readable text differs from the archived one. */
  changed: boolean;
}

/** What every evidence read says about its snapshot (no text: lists stay small). */
export interface SnapshotSummaryJson {
  state: SnapshotStateName;
  failureReason: string | null;
  fetchedAt: string | null;
  sha256: string | null;
  finalUrl: string | null;
  contentType: string | null;
  httpStatus: number | null;
  /** The Wayback Machine's copy, when the team asks for one. */
  publicArchiveUrl: string | null;
  /** A check was asked for and has not run yet. */
  checkPending: boolean;
  lastCheck: LinkCheckJson | null;
}

/** The changed region of the text since the snapshot (lib/articles/text-diff.ts). */
export type TextChangeJson = TextChange;

/** What a full snapshot holds beside its summary: the page's title and readable text, and the fetch. */
interface SnapshotContent {
  evidenceId: string;
  url: string;
  attempts: number;
  byteLength: number | null;
  title: string | null;
  text: string | null;
}

/** The full snapshot: the summary, the title and readable text, and the change found by the last check. */
export interface SnapshotJson extends SnapshotSummaryJson, SnapshotContent {
  /** The evidence's cited excerpt (what the snapshot page highlights). */
  quote: string | null;
  change: TextChangeJson | null;
}

/** The snapshot columns every evidence read selects. */
export const SNAPSHOT_SUMMARY_SELECT = {
  state: true,
  failureReason: true,
  fetchedAt: true,
  sha256: true,
  finalUrl: true,
  contentType: true,
  httpStatus: true,
  publicArchiveUrl: true,
  checkRequestedAt: true,
  checkedAt: true,
  checkStatus: true,
  checkHttpStatus: true,
  checkFinalUrl: true,
  checkReason: true,
  contentChanged: true,
} as const;

export interface SnapshotSummaryRow {
  state: SnapshotState;
  failureReason: string | null;
  fetchedAt: Date | null;
  sha256: string | null;
  finalUrl: string | null;
  contentType: string | null;
  httpStatus: number | null;
  publicArchiveUrl: string | null;
  checkRequestedAt: Date | null;
  checkedAt: Date | null;
  checkStatus: LinkCheckStatus | null;
  checkHttpStatus: number | null;
  checkFinalUrl: string | null;
  checkReason: string | null;
  contentChanged: boolean;
}

export interface SnapshotRow extends SnapshotSummaryRow, SnapshotContent {
  changeDiff: unknown;
}

/** Maps a snapshot row to the summary every evidence read carries. */
export function toSnapshotSummaryJson(row: SnapshotSummaryRow): SnapshotSummaryJson {
  return {
    state: row.state.toLowerCase() as SnapshotStateName,
    failureReason: row.failureReason,
    fetchedAt: row.fetchedAt?.toISOString() ?? null,
    sha256: row.sha256,
    finalUrl: isSafeHttpUrl(row.finalUrl) ? row.finalUrl : null,
    contentType: row.contentType,
    httpStatus: row.httpStatus,
    publicArchiveUrl: isSafeHttpUrl(row.publicArchiveUrl) ? row.publicArchiveUrl : null,
    checkPending: row.checkRequestedAt !== null,
    lastCheck:
      row.checkedAt && row.checkStatus
        ? {
            status: row.checkStatus.toLowerCase() as LinkCheckStatusName,
            checkedAt: row.checkedAt.toISOString(),
            httpStatus: row.checkHttpStatus,
            finalUrl: isSafeHttpUrl(row.checkFinalUrl) ? row.checkFinalUrl : null,
            reason: row.checkReason,
            changed: row.contentChanged,
          }
        : null,
  };
}

function toTextChange(value: unknown): TextChangeJson | null {
  if (!value || typeof value !== "object") return null;
  const { at, removed, inserted } = value as Record<string, unknown>;
  return typeof at === "number" && typeof removed === "string" && typeof inserted === "string"
    ? { at, removed, inserted }
    : null;
}

/** Maps a snapshot row (and its evidence's quote) to the full snapshot. */
export function toSnapshotJson(row: SnapshotRow, quote: string | null): SnapshotJson {
  return {
    evidenceId: row.evidenceId,
    url: row.url,
    ...toSnapshotSummaryJson(row),
    attempts: row.attempts,
    byteLength: row.byteLength,
    title: row.title,
    text: row.text,
    quote,
    change: row.contentChanged ? toTextChange(row.changeDiff) : null,
  };
}
