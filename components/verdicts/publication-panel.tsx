import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { PagePanel } from "@/components/ui/page-panel";
import type { PublicationJson } from "@/lib/publications/publish-article";

/**
 * Publishing controls for moderators and admins on the article page: plain HTML forms (they work
 * before and without JavaScript), the public link and, once published, the embed snippet.
 */
export function PublicationPanel({
  publication,
  origin,
  snippet,
  message,
  error,
  onPublish,
  onRepublish,
  onUnpublish,
}: {
  publication: PublicationJson | null;
  origin: string;
  snippet: string | null;
  message: string | null;
  error: string | null;
  onPublish: () => Promise<void>;
  onRepublish: () => Promise<void>;
  onUnpublish: () => Promise<void>;
}) {
  return (
    <PagePanel id="publication" title="Public page" message={message} error={error}>
      {publication ? (
        <div className="mt-2 space-y-2">
          <p className="text-gray-800">
            Published at{" "}
            <a className="break-all text-blue-800 underline" href={publication.url} data-testid="public-url">
              {origin}
              {publication.url}
            </a>{" "}
            (version {publication.version}, updated{" "}
            <LocalTime value={publication.updatedAt} style="datetime" />
            ). It shows the approved passages and verdicts as they were when last published.
          </p>
          <div className="flex flex-wrap gap-2">
            <form action={onRepublish}>
              <Button type="submit" variant="secondary">
                Republish current state
              </Button>
            </form>
            <form action={onUnpublish}>
              <Button type="submit" variant="danger">
                Unpublish
              </Button>
            </form>
          </div>
          {snippet && (
            <details>
              <summary className="cursor-pointer font-medium text-gray-900">Embed in your site</summary>
              <label className="mt-1 block text-gray-800" htmlFor="embed-snippet">
                Paste this HTML into your CMS:
              </label>
              <textarea
                id="embed-snippet"
                readOnly
                rows={5}
                value={snippet}
                className="mt-1 block w-full rounded border border-gray-400 bg-gray-50 p-2 font-mono text-xs"
              />
            </details>
          )}
        </div>
      ) : (
        <div className="mt-2 space-y-2">
          <p className="text-gray-800">
            Publishing makes a public, read-only copy of the approved passages and verdicts; notes, replies,
            pending and rejected passages and people&apos;s names stay private.
          </p>
          <form action={onPublish}>
            <Button type="submit">Publish</Button>
          </form>
        </div>
      )}
    </PagePanel>
  );
}
