import { getLogger } from "../observability/logger.ts";
import type { ExportFormat } from "../validation/export.ts";
import { W3C_CONTENT_TYPE } from "./to-w3c.ts";

/** A finished export, ready for a route to send: a body (streamed for teams) and its headers. */
export interface ExportDownload {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array> | string;
  /** How many articles the export holds (known before streaming), for progress bars. */
  articleCount: number;
}

const EXTENSIONS: Record<ExportFormat, string> = {
  json: "json",
  ndjson: "ndjson",
  w3c: "jsonld",
  claimreview: "claimreview.jsonld",
};

/** The media type of each format. */
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
  w3c: W3C_CONTENT_TYPE,
  // One article: a JSON-LD array of schema.org ClaimReview objects (a team's is NDJSON, below).
  claimreview: "application/ld+json; charset=utf-8",
};

/** The team ClaimReview export: one ClaimReview per line. */
export const CLAIMREVIEW_NDJSON_CONTENT_TYPE = "application/x-ndjson; charset=utf-8";

/** `proofmark-<team>[-<part>]-<yyyy-mm-dd>.<ext>`, safe in a Content-Disposition header. */
export function exportFilename(teamSlug: string, format: ExportFormat, date: Date, part?: string): string {
  const safe = (value: string) => value.replace(/[^a-zA-Z0-9_-]+/g, "-").slice(0, 80);
  const day = date.toISOString().slice(0, 10);
  return `proofmark-${safe(teamSlug)}${part ? `-${safe(part)}` : ""}-${day}.${EXTENSIONS[format]}`;
}

/**
 * Turns an async generator of text chunks into a byte stream that pulls one chunk at a time,
 * so the producer only reads the database as fast as the client downloads.
 */
export function streamChunks(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (cancelled) return; // the client went away while this chunk was being read
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        if (cancelled) return;
        getLogger().error({ err: error }, "[export] stream failed");
        controller.error(error);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}

/** The public base URL for IRIs in the w3c export: NEXTAUTH_URL, else the request's origin. */
export function publicBaseUrl(req: Request): string {
  return configuredPublicOrigin() ?? new URL(req.url).origin;
}

/** The origin of NEXTAUTH_URL when it is set and valid, else null (the request's origin is used). */
export function configuredPublicOrigin(): string | null {
  const configured = process.env.NEXTAUTH_URL;
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    return null;
  }
}

/** The response of an export: attachment with its filename, no caching. */
export function exportResponse(download: ExportDownload): Response {
  return new Response(download.body, {
    status: 200,
    headers: {
      "content-type": download.contentType,
      "content-disposition": `attachment; filename="${download.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-export-articles": String(download.articleCount),
    },
  });
}
