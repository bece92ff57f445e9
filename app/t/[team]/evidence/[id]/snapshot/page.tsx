import type { Metadata } from "next";
import Link from "next/link";
import { ExternalLink } from "@/components/evidence/external-link";
import { LinkHealthFlags } from "@/components/evidence/snapshot-status";
import { SnapshotText } from "@/components/evidence/snapshot-text";
import { LocalTime } from "@/components/ui/local-time";
import { requireCurrentUser } from "@/lib/auth/current-user";
import { findExcerpt } from "@/lib/evidence/snapshots/find-excerpt";
import { getEvidenceSnapshot } from "@/lib/evidence/snapshots/get-evidence-snapshot";
import { orNotFound } from "@/lib/pages/team-page";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Archived source" };

/** Proofmark's copy of a cited page: its readable text as plain text, never the page's HTML. */
export default async function EvidenceSnapshotPage({
  params,
}: {
  params: Promise<{ team: string; id: string }>;
}) {
  const { team, id } = await params;
  const user = await requireCurrentUser();
  const snapshot = await orNotFound(getEvidenceSnapshot({ actor: user, evidenceId: id, teamSlug: team }));
  const highlight = snapshot.text ? findExcerpt(snapshot.text, snapshot.quote) : null;
  const articleHref = `/t/${encodeURIComponent(team)}/articles/${encodeURIComponent(snapshot.articleId)}?annotation=${encodeURIComponent(snapshot.annotationId)}#annotation-${encodeURIComponent(snapshot.annotationId)}`;
  const check = snapshot.lastCheck;
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href={articleHref} className="text-blue-800 underline">
            Back to the annotation
          </Link>
        </p>
        <h1 className="text-2xl font-semibold break-words text-gray-900">
          {snapshot.title ?? "Archived source"}
        </h1>
        <p className="text-sm break-all text-gray-700">
          Cited page: <ExternalLink href={snapshot.url}>{snapshot.url}</ExternalLink>
        </p>
        <p className="rounded-md border border-gray-200 bg-gray-50 p-2 text-sm text-gray-800">
          Proofmark's archived copy, shown as plain text: the page's own layout, scripts and styles are not
          reproduced.
        </p>
      </header>

      <section aria-labelledby="snapshot-facts" className="space-y-1 text-sm text-gray-800">
        <h2 id="snapshot-facts" className="text-lg font-semibold text-gray-900">
          About this copy
        </h2>
        {snapshot.state === "archiving" && <p>The page is being archived; reload in a moment.</p>}
        {snapshot.state === "failed" && (
          <p className="text-red-800">Archiving failed: {snapshot.failureReason ?? "unknown reason"}</p>
        )}
        {snapshot.state === "archived" && (
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium">Fetched</dt>
            <dd>{snapshot.fetchedAt && <LocalTime value={snapshot.fetchedAt} style="datetime" />}</dd>
            <dt className="font-medium">Address answered</dt>
            <dd className="break-all">{snapshot.finalUrl}</dd>
            <dt className="font-medium">Status and type</dt>
            <dd>
              {snapshot.httpStatus} · {snapshot.contentType ?? "unknown"} · {snapshot.byteLength ?? 0} bytes
            </dd>
            <dt className="font-medium">SHA-256 of the bytes</dt>
            <dd className="font-mono text-xs break-all">{snapshot.sha256}</dd>
          </dl>
        )}
        {check && (
          <p className="flex flex-wrap items-center gap-1">
            Last checked <LocalTime value={check.checkedAt} />: {check.status}
            {check.httpStatus ? ` (${check.httpStatus})` : ""}
            {check.reason ? ` — ${check.reason}` : ""} <LinkHealthFlags snapshot={snapshot} />
          </p>
        )}
      </section>

      {snapshot.change && (
        <section aria-labelledby="snapshot-change" className="space-y-2 text-sm">
          <h2 id="snapshot-change" className="text-lg font-semibold text-gray-900">
            What changed since the copy
          </h2>
          <p className="text-gray-700">At character {snapshot.change.at} of the text:</p>
          {snapshot.change.removed && (
            <p>
              Removed: <del className="bg-red-100 text-red-900">{snapshot.change.removed}</del>
            </p>
          )}
          {snapshot.change.inserted && (
            <p>
              Now: <ins className="bg-green-100 text-green-900">{snapshot.change.inserted}</ins>
            </p>
          )}
        </section>
      )}

      {snapshot.text && (
        <section aria-labelledby="snapshot-text" className="space-y-2">
          <h2 id="snapshot-text" className="text-lg font-semibold text-gray-900">
            Text of the page
          </h2>
          {snapshot.quote && (
            <p className="text-sm text-gray-700">
              {highlight ? (
                <a href="#cited" className="text-blue-800 underline">
                  Go to the cited excerpt
                </a>
              ) : (
                "The cited excerpt was not found in this copy."
              )}
            </p>
          )}
          <SnapshotText text={snapshot.text} highlight={highlight} />
        </section>
      )}
    </article>
  );
}
