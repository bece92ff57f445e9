import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants as zlibConstants } from "node:zlib";
import { type ChannelListener, listenChannel } from "../db/listen-channel.ts";
import { PREPARED } from "../db/prepared-statements.ts";
import { db } from "../db.ts";
import { renderPublicPage } from "./render-public-page.ts";
import type { PublicationSnapshot } from "./snapshot.ts";

/** What a public id looks like (newPublicId: 16 random bytes, base64url). */
const PUBLIC_ID = /^[A-Za-z0-9_-]{22}$/;

/** How many rendered pages one instance keeps. */
const MAX_ENTRIES = 1000;

/** The channel a trigger on "Publication" notifies with the public id of every changed row. */
export const PUBLICATION_CHANNEL = "proofmark_publications";

/**
 * How long a cached page is served without asking PostgreSQL, while the change listener is up. The
 * listener drops a changed page at once; this bounds what a silently dead listener could serve.
 */
const TRUST_MS = 5_000;

/** A rendered public page: its HTML, its ETag, and its bytes in each content coding (made once). */
export interface PublicPage {
  html: string;
  /** The strong ETag of the identity bytes; each coding's is derived (publicPageResponse). */
  etag: string;
  /** The bytes of the page in `coding`, compressed once per version and instance. */
  encoded(coding: ContentCoding): Buffer;
}

/** The content codings a public page is served in. */
export type ContentCoding = "identity" | "gzip" | "br";

interface Entry extends PublicPage {
  version: number;
  base: string;
  /** When PostgreSQL last confirmed this version with no change signalled since (0: ask again). */
  confirmedAt: number;
}

// Rendered pages by public id, least recently used first, and the listener that drops them: every
// change to a publication row (republish, unpublish, a row changed by hand) is announced on
// PUBLICATION_CHANNEL by a trigger when it commits, so every instance forgets the page at once.
// While the listener is down (or not started yet), every request asks PostgreSQL for the
// publication's version, as before the listener existed.
interface CacheState {
  cache: Map<string, Entry>;
  listener: ChannelListener | null;
  /** Bumped by every signal: a version read before a signal is not trusted after it. */
  epoch: number;
}

const globalForPages = globalThis as unknown as { proofmarkPublicPages?: CacheState };

function state(): CacheState {
  globalForPages.proofmarkPublicPages ??= { cache: new Map(), listener: null, epoch: 0 };
  return globalForPages.proofmarkPublicPages;
}

function startListener(current: CacheState): void {
  const connectionString = process.env.DATABASE_URL;
  if (current.listener || !connectionString) return;
  const forgetAll = () => {
    current.epoch += 1;
    for (const entry of current.cache.values()) entry.confirmedAt = 0;
  };
  current.listener = listenChannel({
    connectionString,
    channel: PUBLICATION_CHANNEL,
    label: "[publications] public page change listener",
    onPayload(publicId) {
      current.epoch += 1;
      current.cache.delete(publicId);
    },
    // Signals sent while it was down are lost: nothing cached before is trusted without a check.
    onListening: forgetAll,
    onLost: forgetAll,
  });
}

/**
 * Stops this process's publication change listener (server shutdown, tests).
 * @throws nothing
 */
export async function stopPublicPageListener(): Promise<void> {
  const current = state();
  const listener = current.listener;
  current.listener = null;
  current.cache.clear();
  await listener?.close();
}

/** Whether this process's publication change listener is connected and listening. */
export function publicPageListenerIsUp(): boolean {
  return state().listener?.listening === true;
}

/** Drops a page from this instance's cache (republish, unpublish). Other instances are told by the trigger. */
export function forgetPublicPage(publicId: string): void {
  const current = state();
  current.epoch += 1;
  current.cache.delete(publicId);
}

/**
 * The page's bytes per content coding, each made on first use: readers' browsers and CDNs ask
 * for br or gzip, and compressing a 60 KB page on every request (what Next does to a response
 * that is not encoded yet) would cost more than serving it.
 */
function encoder(html: string): (coding: ContentCoding) => Buffer {
  const made = new Map<ContentCoding, Buffer>();
  return (coding) => {
    let bytes = made.get(coding);
    if (!bytes) {
      const identity = made.get("identity") ?? Buffer.from(html, "utf8");
      made.set("identity", identity);
      bytes =
        coding === "br"
          ? brotliCompressSync(identity, {
              params: {
                [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
                [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
                [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length,
              },
            })
          : coding === "gzip"
            ? gzipSync(identity, { level: 9 })
            : identity;
      made.set(coding, bytes);
    }
    return bytes;
  };
}

function remember(current: CacheState, publicId: string, entry: Entry): void {
  current.cache.delete(publicId);
  current.cache.set(publicId, entry);
  if (current.cache.size > MAX_ENTRIES) current.cache.delete(current.cache.keys().next().value!);
}

/**
 * The public page of `publicId` (null when there is none: never published, unpublished, or a
 * malformed id). Served from memory while the change listener vouches for it, else when
 * PostgreSQL confirms the cached copy's version.
 * @throws nothing beyond database errors
 */
export async function getPublicPage(publicId: string, base: string): Promise<PublicPage | null> {
  if (!PUBLIC_ID.test(publicId)) return null;
  const current = state();
  startListener(current);
  const hit = current.cache.get(publicId);
  const now = Date.now();
  if (hit && hit.base === base && current.listener?.listening && now - hit.confirmedAt < TRUST_MS) {
    remember(current, publicId, hit);
    return hit;
  }
  const epoch = current.epoch;
  const [row] = await db.$queryRaw<{ version: number }[]>`${PREPARED}
    SELECT version FROM "Publication" WHERE "publicId" = ${publicId}`;
  if (!row) {
    current.cache.delete(publicId);
    return null;
  }
  // A signal that arrived during the read may concern what was read: ask again next time.
  const confirmedAt = current.epoch === epoch ? now : 0;
  if (hit && hit.version === row.version && hit.base === base) {
    hit.confirmedAt = confirmedAt;
    remember(current, publicId, hit);
    return hit;
  }
  const publication = await db.publication.findUnique({
    where: { publicId },
    select: { version: true, snapshot: true, updatedAt: true },
  });
  if (!publication) {
    current.cache.delete(publicId);
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
    encoded: encoder(html),
    confirmedAt: current.epoch === epoch ? now : 0,
  };
  remember(current, publicId, entry);
  return entry;
}
