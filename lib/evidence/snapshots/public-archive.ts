// The optional public archive of cited pages (docs/EVIDENCE.md "Public archives"): a team that
// turns it on asks the Wayback Machine to save each page it cites, besides Proofmark's own copy.
// Behind an interface, so that tests (which cannot reach the internet) swap in a loopback fake.
import { AppError } from "../../errors.ts";
import { fetchUrl } from "../../fetch/fetch-url.ts";

/** A public web archive that can be asked to save a page. */
export interface PublicArchive {
  /**
   * Asks the archive to save `url`; resolves to the archived copy's URL.
   * @throws AppError fetch_* when the archive refuses or cannot be reached
   */
  save(url: string): Promise<string>;
}

/**
 * The Wayback Machine's "Save Page Now" (`GET <base>/save/<url>`, anonymous): the copy's address
 * comes from the answer's Content-Location or Location header, else the archive's latest copy.
 * Goes through the one outbound fetcher like every other request.
 */
export function createWaybackArchive(baseUrl = "https://web.archive.org"): PublicArchive {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    async save(url) {
      const answer = await fetchUrl(`${base}/save/${url}`, {
        followRedirects: false,
        returnErrorStatuses: true,
        maxBytes: 64 * 1024,
        truncateBody: true,
        totalTimeoutMs: 60_000,
      });
      if (answer.status >= 400) {
        throw new AppError("fetch_http_error", `The Wayback Machine answered ${answer.status}`, {
          upstreamStatus: answer.status,
        });
      }
      const where = answer.headers["content-location"] ?? answer.headers.location;
      return where ? new URL(where, `${base}/`).href : `${base}/web/${url}`;
    },
  };
}

const globalForArchive = globalThis as unknown as { proofmarkPublicArchive?: PublicArchive };

/** The public archive in use (the Wayback Machine unless replaced). */
export function getPublicArchive(): PublicArchive {
  globalForArchive.proofmarkPublicArchive ??= createWaybackArchive();
  return globalForArchive.proofmarkPublicArchive;
}

/** Replaces the public archive (tests: a loopback fake); `undefined` restores the Wayback Machine. */
export function setPublicArchive(archive: PublicArchive | undefined): void {
  globalForArchive.proofmarkPublicArchive = archive;
}
