// The archive job: fetches a cited page through the one outbound fetcher and stores Proofmark's
// copy of it (docs/EVIDENCE.md "Archiving"). Idempotent: only a row still `ARCHIVING` is written.
import { db } from "../../db.ts";
import { AppError } from "../../errors.ts";
import { fetchUrl } from "../../fetch/fetch-url.ts";
import { getLogger } from "../../observability/logger.ts";
import { getPublicArchive } from "./public-archive.ts";
import { readPageText, SNAPSHOT_CONTENT_TYPES, sha256Hex } from "./read-page-text.ts";

/** What one archive attempt did. */
export type ArchiveOutcome = "archived" | "retry" | "failed" | "skipped";

/**
 * Asks the public archive to save the page too, when the team turned that on; best effort: a
 * refusal is logged and leaves Proofmark's own snapshot as it is.
 */
async function saveToPublicArchive(evidenceId: string, teamId: string, url: string): Promise<void> {
  const settings = await db.teamEvidenceSettings.findUnique({
    where: { teamId },
    select: { waybackSave: true },
  });
  if (!settings?.waybackSave) return;
  try {
    const publicArchiveUrl = await getPublicArchive().save(url);
    await db.evidenceSnapshot.update({ where: { evidenceId }, data: { publicArchiveUrl } });
  } catch (error) {
    getLogger().warn({ evidenceId, detail: describeFetchError(error) }, "[evidence] public archive refused");
  }
}

/** Whether a failed fetch may succeed later (network trouble, a timeout, a 5xx, 408 or 429). */
export function isRetryableFetchError(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  if (error.code === "fetch_timeout" || error.code === "fetch_failed") return true;
  if (error.code === "fetch_http_error") {
    const status = Number(error.details?.upstreamStatus);
    return status >= 500 || status === 408 || status === 429;
  }
  return false;
}

/** A reason for people, never a stack: the AppError's message, else a generic one. */
export function describeFetchError(error: unknown): string {
  return error instanceof AppError ? error.message : "The page could not be archived";
}

/**
 * Runs one archive attempt of an evidence item's snapshot. On a failure that may pass (see
 * `isRetryableFetchError`) the row stays `ARCHIVING` with the reason and the caller retries
 * (pg-boss), unless `lastAttempt`; otherwise the row becomes `FAILED` with the reason.
 * @throws nothing about the fetch (recorded on the row); database errors
 */
export async function archiveSnapshot(
  evidenceId: string,
  { lastAttempt }: { lastAttempt: boolean },
): Promise<ArchiveOutcome> {
  const row = await db.evidenceSnapshot.findUnique({
    where: { evidenceId },
    select: { state: true, url: true, teamId: true },
  });
  if (row?.state !== "ARCHIVING") return "skipped";
  const fetchedAt = new Date();
  try {
    const page = await fetchUrl(row.url, { allowedContentTypes: SNAPSHOT_CONTENT_TYPES });
    const readable = await readPageText(page);
    const written = await db.evidenceSnapshot.updateMany({
      where: { evidenceId, state: "ARCHIVING" },
      data: {
        state: "ARCHIVED",
        failureReason: null,
        attempts: { increment: 1 },
        sha256: sha256Hex(page.body),
        httpStatus: page.status,
        finalUrl: page.url,
        contentType: page.contentType || null,
        byteLength: page.body.length,
        fetchedAt,
        title: readable.title,
        text: readable.text,
        textSha256: sha256Hex(readable.text),
      },
    });
    if (written.count === 0) return "skipped";
    await saveToPublicArchive(evidenceId, row.teamId, row.url);
    return "archived";
  } catch (error) {
    const retry = isRetryableFetchError(error) && !lastAttempt;
    if (!(error instanceof AppError))
      getLogger().warn({ err: error, evidenceId }, "[evidence] archive failed");
    await db.evidenceSnapshot.updateMany({
      where: { evidenceId, state: "ARCHIVING" },
      data: {
        attempts: { increment: 1 },
        failureReason: describeFetchError(error),
        ...(retry ? {} : { state: "FAILED" as const }),
      },
    });
    return retry ? "retry" : "failed";
  }
}
