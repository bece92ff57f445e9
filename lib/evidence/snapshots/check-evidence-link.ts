// The link-health job: re-fetches a cited page and records its last check on the snapshot row
// (docs/EVIDENCE.md "Link health"): ok, redirected, gone (404, 410) or error, and whether its
// readable text differs from the archived one, with the changed region.
import { summariseTextChange } from "../../articles/text-diff.ts";
import { db } from "../../db.ts";
import { fetchUrl } from "../../fetch/fetch-url.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { LinkCheckStatus } from "../../generated/prisma/enums.ts";
import { describeFetchError } from "./archive-snapshot.ts";
import { readPageText, SNAPSHOT_CONTENT_TYPES, sha256Hex } from "./read-page-text.ts";

/** The status a check gives an HTTP answer (after redirects were followed). */
export function linkStatusFor(status: number, redirected: boolean): LinkCheckStatus {
  if (status === 404 || status === 410) return "GONE";
  if (status < 200 || status > 299) return "ERROR";
  return redirected ? "REDIRECTED" : "OK";
}

/**
 * Checks one evidence item's link now and records the result (any outcome is recorded; a missing
 * row is skipped).
 * @throws database errors only
 */
export async function checkEvidenceLink(evidenceId: string): Promise<LinkCheckStatus | null> {
  const row = await db.evidenceSnapshot.findUnique({
    where: { evidenceId },
    select: { url: true, finalUrl: true, text: true, textSha256: true },
  });
  if (!row) return null;
  let status: LinkCheckStatus;
  let httpStatus: number | null = null;
  let finalUrl: string | null = null;
  let reason: string | null = null;
  let changed = false;
  let diff: ReturnType<typeof summariseTextChange> = null;
  try {
    const page = await fetchUrl(row.url, { returnErrorStatuses: true });
    httpStatus = page.status;
    finalUrl = page.url;
    // Redirected: it now lands elsewhere than when it was archived (a short link that always
    // redirected to the same page is ok).
    status = linkStatusFor(page.status, page.url !== (row.finalUrl ?? row.url));
    if (status === "ERROR") reason = `The server answered ${page.status}`;
    const readable =
      (status === "OK" || status === "REDIRECTED") &&
      row.textSha256 !== null &&
      (SNAPSHOT_CONTENT_TYPES as readonly string[]).includes(page.contentType || "text/html")
        ? await readPageText(page).catch(() => null)
        : null;
    if (readable && row.textSha256 !== sha256Hex(readable.text)) {
      changed = true;
      diff = summariseTextChange(row.text ?? "", readable.text);
    }
  } catch (error) {
    status = "ERROR";
    reason = describeFetchError(error);
  }
  await db.evidenceSnapshot.update({
    where: { evidenceId },
    data: {
      checkedAt: new Date(),
      checkStatus: status,
      checkHttpStatus: httpStatus,
      checkFinalUrl: finalUrl,
      checkReason: reason,
      contentChanged: changed,
      changeDiff: diff ? { ...diff } : Prisma.DbNull,
      checkRequestedAt: null,
      checkQueuedAt: null,
    },
  });
  return status;
}
