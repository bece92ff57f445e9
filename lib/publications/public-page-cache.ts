import { createHash } from "node:crypto";
import { PREPARED } from "../db/prepared-statements.ts";
import { db } from "../db.ts";
import { renderPublicPage } from "./render-public-page.ts";
import type { PublicationSnapshot } from "./snapshot.ts";

/** What a public id looks like (newPublicId: 16 random bytes, base64url). */
const PUBLIC_ID = /^[A-Za-z0-9_-]{22}$/;

/** How many rendered pages one instance keeps. */
const MAX_ENTRIES = 1000;

interface Entry {
  version: number;
  base: string;
  html: string;
  etag: string;
}

// Rendered pages by public id, least recently used first. Never trusted alone: every request asks
// PostgreSQL for the publication's current version (one indexed, prepared lookup), so an
// unpublish or republish on any instance is seen by every instance at its next request.
const cache = new Map<string, Entry>();

/** Drops a page from this instance's cache (republish, unpublish). Other instances see the version change. */
export function forgetPublicPage(publicId: string): void {
  cache.delete(publicId);
}

/**
 * The public page of `publicId` (null when there is none: never published, unpublished, or a
 * malformed id). Served from memory when the cached copy has the publication's current version.
 * @throws nothing beyond database errors
 */
export async function getPublicPage(
  publicId: string,
  base: string,
): Promise<{ html: string; etag: string } | null> {
  if (!PUBLIC_ID.test(publicId)) return null;
  const [row] = await db.$queryRaw<{ version: number }[]>`${PREPARED}
    SELECT version FROM "Publication" WHERE "publicId" = ${publicId}`;
  if (!row) {
    cache.delete(publicId);
    return null;
  }
  const hit = cache.get(publicId);
  if (hit && hit.version === row.version && hit.base === base) {
    cache.delete(publicId);
    cache.set(publicId, hit);
    return hit;
  }
  const publication = await db.publication.findUnique({
    where: { publicId },
    select: { version: true, snapshot: true, updatedAt: true },
  });
  if (!publication) {
    cache.delete(publicId);
    return null;
  }
  const html = renderPublicPage(
    publication.snapshot as unknown as PublicationSnapshot,
    publicId,
    base,
    publication.updatedAt.toISOString(),
  );
  const entry: Entry = {
    version: publication.version,
    base,
    html,
    etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"`,
  };
  cache.set(publicId, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry;
}
