"use client";

import { useState } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { CitingAnnotationJson, EvidenceItemJson, EvidenceListJson } from "@/lib/evidence/list-evidence";
import { EvidenceCounts } from "./evidence-counts";
import { displayHost, ExternalLink } from "./external-link";
import { SnapshotStatus } from "./snapshot-status";

/** Where an internal link goes: the article page, focused on the annotation. */
export type AnnotationHref = (target: { articleId: string; annotationId: string }) => string;

/** The default target of internal links: `/t/<team>/articles/<id>?annotation=<id>#annotation-<id>`. */
export function annotationHref(team: string): AnnotationHref {
  return ({ articleId, annotationId }) =>
    `/t/${encodeURIComponent(team)}/articles/${encodeURIComponent(articleId)}?annotation=${encodeURIComponent(annotationId)}#annotation-${encodeURIComponent(annotationId)}`;
}

function excerpt(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function InternalLink({
  href,
  onNavigate,
  target,
  children,
}: {
  href: AnnotationHref;
  onNavigate?: (target: { articleId: string; annotationId: string }) => void;
  target: { articleId: string; annotationId: string };
  children: React.ReactNode;
}) {
  return (
    <a
      href={href(target)}
      className="text-blue-800 underline"
      onClick={(event) => {
        if (!onNavigate || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onNavigate(target);
      }}
    >
      {children}
    </a>
  );
}

/** Where an evidence item's snapshot page is; see snapshotPageHref(team, id). */
export type SnapshotHref = (evidenceId: string) => string;

function EvidenceItem({
  item,
  href,
  snapshotHref,
  onNavigate,
  onRemove,
  onCheck,
}: {
  item: EvidenceItemJson;
  href: AnnotationHref;
  snapshotHref?: SnapshotHref;
  onNavigate?: (target: { articleId: string; annotationId: string }) => void;
  onRemove?: (item: EvidenceItemJson) => Promise<string | null>;
  onCheck?: (item: EvidenceItemJson) => Promise<string | null>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const target = item.target;
  return (
    <li className="rounded-md border border-gray-200 bg-white p-2 text-sm" data-evidence-id={item.id}>
      {item.kind === "external" ? (
        <div className="space-y-1">
          <p className="font-medium text-gray-900">
            <ExternalLink href={item.url}>{item.title || displayHost(item.url) || item.url}</ExternalLink>
          </p>
          <p className="text-xs text-gray-700">
            {[item.publisher, displayHost(item.url)].filter(Boolean).join(" · ")}
            {item.accessedAt && (
              <>
                {" "}
                · accessed <LocalTime value={item.accessedAt} calendarDate />
              </>
            )}
            {item.archivedUrl && (
              <>
                {" · "}
                <ExternalLink href={item.archivedUrl}>archived copy</ExternalLink>
              </>
            )}
          </p>
          {item.quote && (
            <blockquote className="border-l-2 border-gray-300 pl-2 text-gray-800 italic">
              “{excerpt(item.quote)}”
            </blockquote>
          )}
          {snapshotHref && (
            <SnapshotStatus
              snapshot={item.snapshot}
              href={snapshotHref(item.id)}
              onCheck={onCheck ? () => onCheck(item) : undefined}
            />
          )}
        </div>
      ) : target && !target.removed && target.annotationId && target.articleId ? (
        <div className="space-y-1">
          <p className="text-gray-900">
            <InternalLink
              href={href}
              onNavigate={onNavigate}
              target={{ articleId: target.articleId, annotationId: target.annotationId }}
            >
              “{excerpt(target.quote ?? "", 140)}”
            </InternalLink>
          </p>
          <p className="text-xs text-gray-700">
            {target.label} annotation in <cite className="not-italic">{target.articleTitle}</cite>
          </p>
        </div>
      ) : (
        <p className="text-gray-600 italic">Cited annotation was removed</p>
      )}
      {item.note && <p className="mt-1 text-gray-800">{item.note}</p>}
      <div className="mt-1 flex items-center justify-between gap-2 text-xs text-gray-600">
        <span>
          Added by {item.addedBy.name} · <LocalTime value={item.createdAt} />
        </span>
        {item.canRemove && onRemove && (
          <button
            type="button"
            disabled={busy}
            className="rounded px-1.5 py-0.5 font-medium text-red-800 hover:bg-red-50 disabled:text-gray-500"
            onClick={async () => {
              setBusy(true);
              setError(null);
              const failure = await onRemove(item);
              setBusy(false);
              if (failure) setError(failure);
            }}
          >
            Remove<span className="sr-only"> this evidence</span>
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </li>
  );
}

function Group({
  title,
  items,
  tone,
  ...rest
}: {
  title: string;
  items: EvidenceItemJson[];
  tone: string;
  href: AnnotationHref;
  snapshotHref?: SnapshotHref;
  onNavigate?: (target: { articleId: string; annotationId: string }) => void;
  onRemove?: (item: EvidenceItemJson) => Promise<string | null>;
  onCheck?: (item: EvidenceItemJson) => Promise<string | null>;
}) {
  return (
    <section aria-label={`${title} (${items.length})`}>
      <h4 className={`text-xs font-semibold tracking-wide uppercase ${tone}`}>
        {title} ({items.length})
      </h4>
      {items.length === 0 ? (
        <p className="text-xs text-gray-600">None yet.</p>
      ) : (
        <ul className="mt-1 space-y-2">
          {items.map((item) => (
            <EvidenceItem key={item.id} item={item} {...rest} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CitedBy({
  items,
  href,
  onNavigate,
}: {
  items: CitingAnnotationJson[];
  href: AnnotationHref;
  onNavigate?: (target: { articleId: string; annotationId: string }) => void;
}) {
  if (items.length === 0) return null;
  return (
    <section aria-label="Cited as evidence by">
      <h4 className="text-xs font-semibold tracking-wide text-gray-800 uppercase">Cited as evidence by</h4>
      <ul className="mt-1 space-y-1 text-sm">
        {items.map((item) => (
          <li key={item.evidenceId}>
            <InternalLink
              href={href}
              onNavigate={onNavigate}
              target={{ articleId: item.articleId, annotationId: item.annotationId }}
            >
              “{excerpt(item.quote, 100)}”
            </InternalLink>{" "}
            <span className="text-xs text-gray-700">
              ({item.relation === "corroborates" ? "corroborates" : "contradicts"} it, in{" "}
              <cite className="not-italic">{item.articleTitle}</cite>)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The evidence of one annotation: corroborating and contradicting items in two groups with
 * their counts, safe external links, removed targets shown as such, and the annotations that
 * cite this one. Presentational: data and callbacks come from the parent.
 */
export function EvidencePanel({
  evidence,
  href,
  snapshotHref,
  onNavigate,
  onRemove,
  onCheck,
}: {
  evidence: EvidenceListJson;
  /** Builds internal links; see annotationHref(team). */
  href: AnnotationHref;
  /** Builds snapshot page links; without it the archiving state is not shown. */
  snapshotHref?: SnapshotHref;
  /** Asks for a link check of an item (shown when `evidence.canAdd`). */
  onCheck?: (item: EvidenceItemJson) => Promise<string | null>;
  /** Optional in-page navigation (e.g. select the annotation when it is in the open article). */
  onNavigate?: (target: { articleId: string; annotationId: string }) => void;
  /** Removes an item; resolves to an error message, or null when it worked. */
  onRemove?: (item: EvidenceItemJson) => Promise<string | null>;
}) {
  return (
    <div className="space-y-3">
      <p className="flex items-center gap-2 text-sm font-medium text-gray-900">
        Evidence
        <EvidenceCounts
          corroborates={evidence.corroborates.length}
          contradicts={evidence.contradicts.length}
        />
      </p>
      <Group
        title="Corroborates"
        tone="text-green-900"
        items={evidence.corroborates}
        href={href}
        snapshotHref={snapshotHref}
        onNavigate={onNavigate}
        onRemove={onRemove}
        onCheck={evidence.canAdd ? onCheck : undefined}
      />
      <Group
        title="Contradicts"
        tone="text-red-900"
        items={evidence.contradicts}
        href={href}
        snapshotHref={snapshotHref}
        onNavigate={onNavigate}
        onRemove={onRemove}
        onCheck={evidence.canAdd ? onCheck : undefined}
      />
      <CitedBy items={evidence.citedBy} href={href} onNavigate={onNavigate} />
    </div>
  );
}
